#!/usr/bin/env node
// The Lunr peer of bench/search.py: what a static collection site would ship — one
// client-side Lunr index of the same corpus — built and queried in memory in Node.
//
//     node --expose-gc peer.js CORPUS.json QUERIES.json REPEAT > result.json
//
// CORPUS.json: [{id, title, names, body_ru, body_en, meta}] (bench/lunr_peer.export_corpus).
// QUERIES.json: [{label, q}], in the site's query syntax, translated here to Lunr's.
// Prints {build_ms, index_bytes, index_error, heap_used_bytes,
//         queries: [{label, q, lunr_query, hits, ms: [...], error?}]}.
"use strict";

const fs = require("fs");
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support")(lunr);
require("lunr-languages/lunr.ru")(lunr);
require("lunr-languages/lunr.multi")(lunr);

const FIELDS = { title: 10, names: 5, body_ru: 1, body_en: 1, meta: 2 };
const msSince = (start) => Number(process.hrtime.bigint() - start) / 1e6;

function build(documents) {
  return lunr(function () {
    this.use(lunr.multiLanguage("en", "ru"));
    this.ref("id");
    for (const [name, boost] of Object.entries(FIELDS)) this.field(name, { boost });
    // No metadata (term positions) is whitelisted: Lunr has no phrase search to use them.
    for (const document of documents) this.add(document);
  });
}

// --- The site's query syntax in Lunr's ---------------------------------------------------
// Lunr has no phrases and no OR operator, and its search pipeline (under multiLanguage)
// neither trims punctuation nor drops stop words — both of which the index pipeline does,
// so a required "+of" or "+f." would match nothing. Words are therefore cut and trimmed here
// as the index cuts them, and stop words left out.

const WORD = "\\w\\u0400-\\u0484\\u0487-\\u052F"; // lunr.multiLanguage("en", "ru")'s letters
const TRIM = new RegExp(`^[^${WORD}]+|[^${WORD}*]+$`, "g"); // a trailing * is a prefix
const STOP = [lunr.stopWordFilter, lunr.ru.stopWordFilter];

function lunrWords(text) {
  // Lunr's tokenizer splits on spaces and hyphens, then the trimmer strips the ends.
  return text
    .split(lunr.tokenizer.separator)
    .map((word) => word.replace(TRIM, "").toLowerCase())
    .filter((word) => word && STOP.every((filter) => filter(new lunr.Token(word))))
    .map((word) => word.replace(/[\\:^~+-]/g, "\\$&")); // field, boost, fuzziness, presence
}

function translate(q) {
  // Terms of the site's syntax: "a phrase", -excluded, word*, A OR B, plain words.
  const terms = [];
  let or = false;
  for (const [, phrase, word] of q.matchAll(/(-?"[^"]*"?)|(\S+)/g)) {
    const text = phrase ?? word;
    if (text === "OR") {
      or = terms.length > 0;
      continue;
    }
    const excluded = text.startsWith("-") && text.length > 1;
    const term = { words: lunrWords(text.slice(excluded ? 1 : 0)), excluded, optional: false };
    if (or) term.optional = terms[terms.length - 1].optional = true;
    or = false;
    terms.push(term);
  }
  // A phrase becomes all its words required (an excluded one: all its words excluded);
  // both sides of an OR become optional words, which Lunr matches either of.
  return terms
    .flatMap(({ words, excluded, optional }) => {
      const presence = excluded ? "-" : optional ? "" : "+";
      return words.map((word) => presence + word);
    })
    .join(" ");
}

function timeQueries(index, queries, repeat) {
  return queries.map(({ label, q }) => {
    const result = { label, q, lunr_query: translate(q), hits: null, ms: [] };
    try {
      result.hits = index.search(result.lunr_query).length; // warms up
      for (let run = 0; run < repeat; run++) {
        const start = process.hrtime.bigint();
        index.search(result.lunr_query);
        result.ms.push(msSince(start));
      }
    } catch (error) {
      // lunr.QueryParseError on input its parser rejects: recorded, the others still run.
      result.error = `${error.name}: ${error.message}`;
    }
    return result;
  });
}

function main() {
  const [corpusPath, queriesPath, repeatArg] = process.argv.slice(2);
  if (!queriesPath) {
    console.error("usage: node peer.js CORPUS.json QUERIES.json [REPEAT]");
    process.exit(2);
  }
  let documents = JSON.parse(fs.readFileSync(corpusPath, "utf8"));
  const queries = JSON.parse(fs.readFileSync(queriesPath, "utf8"));

  const start = process.hrtime.bigint();
  const index = build(documents);
  const report = { build_ms: msSince(start), index_bytes: null, index_error: null };
  documents = null; // the heap measured below is the index's, not the corpus's

  try {
    // What the site would ship: the serialized index, counted in UTF-8 bytes.
    report.index_bytes = Buffer.byteLength(JSON.stringify(index), "utf8");
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    report.index_error = `${error.name}: ${error.message}`; // "Invalid string length" at 100k
  }
  if (global.gc) global.gc(); // run with --expose-gc for a heap figure without garbage
  report.heap_used_bytes = process.memoryUsage().heapUsed;
  report.queries = timeQueries(index, queries, Number(repeatArg ?? 7));
  process.stdout.write(JSON.stringify(report));
}

main();
