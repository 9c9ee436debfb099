// Batch oracle for the differential tests: a JSON array of texts on stdin, one JSON array out.
// Runs the official twitter-text 3.1.0 package; one process serves a whole batch. Argument 3 "emoji": twemoji spans only.
'use strict';
const path = require('path');
const root = path.resolve(process.argv[2]);
const emojiOnly = process.argv[3] === 'emoji';
const tt = require(path.join(root, 'node_modules', 'twitter-text'));
const twemoji = require(path.join(root, 'node_modules', 'twemoji-parser'));
const v1 = tt.configs.version1;
const v3 = tt.configs.version3;
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const texts = JSON.parse(input);
  const out = texts.map((text) => {
    if (emojiOnly) {
      return { emoji: twemoji.parse(text).map((e) => [e.indices[0], e.indices[1]]) };
    }
    const nfc = text.normalize();
    return {
      v3: tt.parseTweet(text, v3),
      v1: tt.parseTweet(text, v1),
      v3nfc: tt.parseTweet(nfc, v3).validRangeEnd,
      v1nfc: tt.parseTweet(nfc, v1).validRangeEnd,
      urls: tt.extractUrlsWithIndices(text).map((u) => [u.url, u.indices[0], u.indices[1]]),
      emoji: twemoji.parse(text).map((e) => [e.indices[0], e.indices[1]]),
    };
  });
  process.stdout.write(JSON.stringify(out));
});
