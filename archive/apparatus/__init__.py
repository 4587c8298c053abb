"""The scholar's apparatus beyond the text's own marks: discrepancy notes between two places
that disagree, and the glossary of terms and abbreviations the documents use."""
