"""Reading archive-record text files (the Wilson Center record format) into exchange objects.

The path of a file through the importer:

* source.py reads the bytes (UTF-8, UTF-8 with a BOM, or Windows-1251; any line
  endings) and finds the record's parts: date, title, citation, summary, original
  language, contents, the original text and its translations.
* blocks.py cuts each text into passages and tells a heading from a stamp, a
  salutation from a signature, and how deep in quotation each passage stands.
* aligner.py pairs the passages of the original with those of each translation.
* phrasebook.py knows the printed Soviet forms: it reads the cipher number, the
  series, who deciphered and typed the telegram, and gives each item in English.
* roles.py finds the persons: the addressee, the signatory, a relayed message's
  author and addressee, and everyone the text mentions who is already known.
* record.py puts it all together as an exchange object (archive.exchange), which
  import_document() writes like any other.
"""
