/* qisite search and "Before you start": full-text search and similar projects,
 * offline. Works from file:// and under any sub-path: the index is a set of .js files
 * in search/ that call qisiteSearch.load(name, data), added as <script> elements when
 * a query needs them (browsers refuse fetch() of local files).
 *
 * The tokeniser below (words, stem, tokens, isTelling) MUST match src/render/tokens.rs:
 * the index was built with that one. tests/fixtures/tokens.json holds cases both are
 * tested against. Change both together.
 *
 * Without JavaScript the pages say how to browse instead; this script hides that note.
 */
(function () {
  'use strict';

  // ------------------------------------------------------------ tokeniser

  // Filled from the manifest, which qisite writes from tokens.rs: STOP_WORDS, and
  // GENERIC_TERMS (too general to make two projects similar).
  var STOP_WORDS = new Set();
  var GENERIC_TERMS = new Set();
  var BRITISH = ['izations', 'ization', 'izing', 'izers', 'izer', 'ized', 'izes', 'ize',
    'yzing', 'yzed', 'yzes', 'yzer', 'yze'];
  var MARKS = /\p{M}/gu;
  var APOSTROPHES = /['\u2019\u02BC]/g;
  var SEPARATORS = /[^\p{Alphabetic}\p{N}]+/u;
  var NUMBER = /^\p{N}+$/u;

  // Lowercased, without accents or apostrophes, split at non-letters and non-digits.
  function words(text) {
    return String(text).toLowerCase().normalize('NFD').replace(MARKS, '')
      .replace(APOSTROPHES, '').split(SEPARATORS).filter(Boolean);
  }

  function keep(word) {
    var chars = Array.from(word);
    var short = chars.length === 1 && !NUMBER.test(chars[0]);
    return !short && !STOP_WORDS.has(word);
  }

  function undouble(w) {
    var n = w.length;
    if (n >= 2 && w[n - 1] === w[n - 2] && 'aeioulsz'.indexOf(w[n - 1]) < 0) return w.slice(0, -1);
    return w;
  }

  function stem(word) {
    if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
    var w = word;
    for (var i = 0; i < BRITISH.length; i++) {
      var e = BRITISH[i];
      if (w.endsWith(e) && w.length >= e.length + 3) {
        var z = w.length - e.length + 1;
        w = w.slice(0, z) + 's' + w.slice(z + 1);
        break;
      }
    }
    if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
    else if (w.endsWith('sses')) w = w.slice(0, -2);
    else if (w.endsWith('s') && !(w.endsWith('ss') || w.endsWith('us') || w.endsWith('is'))) w = w.slice(0, -1);
    if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3) + 'y';
    else if (w.endsWith('ing') && w.length >= 7) w = undouble(w.slice(0, -3));
    else if (w.endsWith('ed') && w.length >= 6) w = undouble(w.slice(0, -2));
    if (w.length > 4 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
    return w;
  }

  function tokens(text) {
    return words(text).filter(keep).map(stem);
  }

  // Whether a term can tell projects apart: not a number, not a generic term.
  function isTelling(term) {
    return !NUMBER.test(term) && !GENERIC_TERMS.has(term);
  }

  // ------------------------------------------------------------ loading the index

  var loaded = Object.create(null);
  var pending = Object.create(null);

  window.qisiteSearch = {
    load: function (name, data) {
      loaded[name] = data;
      if (name === 'manifest') {
        data.stopWords.forEach(function (w) { STOP_WORDS.add(w); });
        data.genericTerms.forEach(function (w) { GENERIC_TERMS.add(w); });
      }
    },
    stopWords: STOP_WORDS,
    words: words,
    stem: stem,
    tokens: tokens,
    isTelling: isTelling,
  };

  // Loads search/<name>.js once; resolves with its data.
  function load(base, name) {
    if (name in loaded) return Promise.resolve(loaded[name]);
    if (!pending[name]) {
      pending[name] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = new URL(name + '.js', base).href;
        s.onload = function () {
          if (name in loaded) resolve(loaded[name]);
          else reject(new Error('search/' + name + '.js did not load its data'));
        };
        s.onerror = function () {
          delete pending[name];
          reject(new Error('could not load search/' + name + '.js'));
        };
        document.head.appendChild(s);
      });
    }
    return pending[name];
  }

  // A term's shard key at length n: anything but a-z and 0-9 counts as "_".
  function key(term, n) {
    return Array.from(term).slice(0, n).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : '_';
    }).join('');
  }

  // The shard holding `term`: the longest key that starts it.
  function shardOf(keys, term) {
    var k = key(term, 4);
    var best = null;
    for (var i = 0; i < keys.length; i++) {
      if (k.startsWith(keys[i]) && (best === null || keys[i].length > best.length)) best = keys[i];
    }
    return best;
  }

  // Every shard that may hold a term starting with `prefix`.
  function shardsFor(keys, prefix) {
    var k = key(prefix, 4);
    return keys.filter(function (x) { return x.startsWith(k) || k.startsWith(x); });
  }

  // Postings arrive as [gap, weight, gap, weight, …]; calls fn(doc, weight).
  function eachPosting(list, from, fn) {
    var doc = 0;
    for (var i = from; i + 1 < list.length; i += 2) {
      doc += list[i];
      fn(doc, list[i + 1]);
    }
  }

  function Index(base, manifest) {
    this.base = base;
    this.m = manifest;
  }

  Index.prototype.docs = function (ids) {
    var self = this;
    var per = this.m.docsPerShard;
    var shards = Array.from(new Set(ids.map(function (id) { return Math.floor(id / per); })));
    return Promise.all(shards.map(function (n) { return load(self.base, 'd-' + n); }))
      .then(function () {
        return ids.map(function (id) {
          var row = loaded['d-' + Math.floor(id / per)][id % per];
          return { id: id, kind: self.m.kinds[row[0]], title: row[1], path: row[2], context: row[3], text: row[4] };
        });
      });
  };

  // The index terms a query word may mean. `typing`: the word may be unfinished, so
  // longer terms count too, and so do terms the word begins with ("screeni" →
  // "screen"). Resolves with [{term, postings, exact}].
  Index.prototype.expand = function (word, typing) {
    var self = this;
    var s = stem(word);
    var keys = this.m.terms;
    var prefix = typing && Array.from(word).length >= 3;
    var names = prefix ? shardsFor(keys, s).concat(shardsFor(keys, word)) : [shardOf(keys, s)];
    names = Array.from(new Set(names.filter(Boolean)));
    return Promise.all(names.map(function (k) { return load(self.base, 't-' + k); }))
      .then(function (shards) {
        var found = new Map();
        shards.forEach(function (shard) {
          Object.keys(shard).forEach(function (t) {
            var exact = t === s;
            var longer = prefix && t.startsWith(s);
            var begun = prefix && t.length >= 4 && word.startsWith(t) && word.length - t.length <= 3;
            if (exact || longer || begun) found.set(t, { term: t, postings: shard[t], exact: exact });
          });
        });
        return Array.from(found.values());
      });
  };

  // Full-text search: every query word must match (else any word, with `partial`).
  // Resolves with {results: [doc ids best first], terms: Set of matched index terms}.
  Index.prototype.search = function (query) {
    var self = this;
    var all = words(query).filter(keep);
    var typing = /[\p{Alphabetic}\p{N}]$/u.test(query);
    var seen = new Map();
    var qwords = [];
    all.forEach(function (w, i) {
      var s = stem(w);
      var last = i === all.length - 1;
      if (seen.has(s)) {
        if (last && typing) Object.assign(seen.get(s), { word: w, typing: true });
        return;
      }
      var q = { word: w, typing: last && typing };
      seen.set(s, q);
      qwords.push(q);
    });
    var n = this.m.docs;
    return Promise.all(qwords.map(function (q) { return self.expand(q.word, q.typing); }))
      .then(function (expansions) {
        var terms = new Set();
        var perWord = expansions.map(function (matches) {
          var scores = new Map();
          matches.forEach(function (m) {
            terms.add(m.term);
            var df = m.postings.length / 2;
            var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            var factor = m.exact ? 1 : 0.8;
            eachPosting(m.postings, 0, function (doc, w) {
              var v = idf * w * factor;
              if (!(scores.get(doc) >= v)) scores.set(doc, v);
            });
          });
          return scores;
        });
        var combine = function (every) {
          var total = new Map();
          perWord.forEach(function (scores) {
            scores.forEach(function (v, doc) { total.set(doc, (total.get(doc) || 0) + v); });
          });
          var ids = [];
          total.forEach(function (v, doc) {
            if (!every || perWord.every(function (s) { return s.has(doc); })) ids.push(doc);
          });
          ids.sort(function (a, b) { return total.get(b) - total.get(a) || a - b; });
          return ids;
        };
        var results = perWord.length ? combine(true) : [];
        var partial = false;
        if (!results.length && perWord.length > 1) {
          results = combine(false);
          partial = results.length > 0;
        }
        return { results: results, terms: terms, partial: partial, words: qwords.length };
      });
  };

  // Projects most like a described aim, by the projects' TF-IDF vectors.
  // Resolves with [{id, score, words: [the person's words that matched]}].
  Index.prototype.similar = function (text, limit) {
    var self = this;
    var counts = new Map();
    var original = new Map();
    words(text).filter(keep).forEach(function (w) {
      var t = stem(w);
      if (!isTelling(t)) return;
      counts.set(t, (counts.get(t) || 0) + 1);
      if (!original.has(t)) original.set(t, w);
    });
    var keys = this.m.similar;
    var terms = Array.from(counts.keys());
    var names = Array.from(new Set(terms.map(function (t) { return shardOf(keys, t); }).filter(Boolean)));
    return Promise.all(names.map(function (k) { return load(self.base, 's-' + k); }))
      .then(function () {
        var scores = new Map();
        var matched = new Map();
        terms.forEach(function (t) {
          var k = shardOf(keys, t);
          var list = k && loaded['s-' + k][t];
          if (!list) return;
          var q = (1 + Math.log(counts.get(t))) * list[0] / 1000;
          eachPosting(list, 1, function (doc, w) {
            scores.set(doc, (scores.get(doc) || 0) + q * w / 1000);
            if (!matched.has(doc)) matched.set(doc, []);
            matched.get(doc).push(t);
          });
        });
        var ids = Array.from(scores.keys());
        ids.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
        return ids.slice(0, limit).map(function (id) {
          return {
            id: id,
            score: scores.get(id),
            terms: new Set(matched.get(id)),
            words: matched.get(id).map(function (t) { return original.get(t); }),
          };
        });
      });
  };

  // ------------------------------------------------------------ showing results

  var WORD = /[\p{Alphabetic}\p{M}\p{N}'\u2019\u02BC]+/gu;

  // Appends `text` to `el`, with the words whose terms are in `terms` in <mark>.
  function highlight(el, text, terms) {
    var at = 0;
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (!tokens(m[0]).some(function (t) { return terms.has(t); })) continue;
      if (m.index > at) el.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement('mark');
      mark.textContent = m[0];
      el.appendChild(mark);
      at = m.index + m[0].length;
    }
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  }

  // About `size` characters of `text` around its first matching word.
  function snippet(text, terms, size) {
    var first = -1;
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (tokens(m[0]).some(function (t) { return terms.has(t); })) { first = m.index; break; }
    }
    if (text.length <= size) return text;
    var start = first < 0 ? 0 : Math.max(0, first - Math.floor(size / 3));
    if (start > 0) {
      var space = text.indexOf(' ', start);
      start = space >= 0 && space < first ? space + 1 : start;
    }
    var end = Math.min(text.length, start + size);
    if (end < text.length) {
      var back = text.lastIndexOf(' ', end);
      if (back > start + size / 2) end = back;
    }
    var out = text.slice(start, end).trim();
    if (start > 0) out = '… ' + out;
    if (end < text.length && !out.endsWith('…')) out += ' …';
    return out;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function plural(n, one, many) {
    return n.toLocaleString('en-GB') + ' ' + (n === 1 ? one : many);
  }

  // ------------------------------------------------------------ the widgets

  var PAGE = 20;

  function setup(root) {
    var form = root.querySelector('form');
    var input = form.querySelector('[name=q]');
    var status = root.querySelector('[role=status]');
    var list = root.querySelector('.search-results');
    var more = root.querySelector('.search-more');
    var mode = root.getAttribute('data-search');
    var base = new URL(root.getAttribute('data-index'), document.baseURI);
    var site = new URL(root.getAttribute('data-root'), document.baseURI);
    root.querySelectorAll('[data-nojs]').forEach(function (n) { n.hidden = true; });
    root.querySelectorAll('[data-js]').forEach(function (n) { n.hidden = false; });

    var index = null;
    var ready = load(base, 'manifest').then(function (m) { index = new Index(base, m); return index; });
    ready.catch(function () {
      status.textContent = 'The search index could not be loaded. Browse the projects instead.';
      root.querySelectorAll('[data-nojs]').forEach(function (n) { n.hidden = false; });
    });

    var run = 0; // the latest query; older answers are dropped
    var current = null;

    function setUrl(q) {
      try {
        var u = new URL(location.href);
        if (q) u.searchParams.set('q', q);
        else u.searchParams.delete('q');
        history.replaceState(null, '', u.href);
      } catch (e) {
        // Some browsers refuse to change a file:// address; the search still works.
      }
    }

    function clear(message) {
      run++;
      delete list.dataset.query;
      list.replaceChildren();
      list.hidden = true;
      if (more) more.hidden = true;
      status.textContent = message || '';
      current = null;
    }

    function item(doc, terms, extra) {
      var li = el('li', 'search-result');
      li.appendChild(el('p', 'search-kind', doc.kind));
      var h = el('h2', 'search-title');
      var a = el('a');
      a.href = new URL(doc.path, site).href;
      highlight(a, doc.title, terms);
      h.appendChild(a);
      li.appendChild(h);
      if (doc.context) li.appendChild(el('p', 'meta search-context', mode === 'similar' ? 'Status: ' + doc.context : doc.context));
      if (doc.text) {
        var p = el('p', 'search-snippet');
        highlight(p, snippet(doc.text, terms, 220), terms);
        li.appendChild(p);
      }
      if (extra) li.appendChild(extra);
      return li;
    }

    // Shows results [from, from + PAGE) of the current answer.
    function show(from) {
      var mine = run;
      var c = current;
      var ids = c.results.slice(from, from + PAGE).map(function (r) { return typeof r === 'number' ? r : r.id; });
      return index.docs(ids).then(function (docs) {
        if (mine !== run) return;
        var first = null;
        docs.forEach(function (doc, i) {
          var r = c.results[from + i];
          var extra = null;
          var terms = c.terms;
          if (mode === 'similar') {
            terms = r.terms;
            extra = el('p', 'meta search-why', 'Matching words: ' + Array.from(new Set(r.words)).join(', '));
          }
          var li = item(doc, terms, extra);
          list.appendChild(li);
          if (!first) first = li.querySelector('a');
        });
        list.hidden = !c.results.length;
        var shown = Math.min(c.results.length, from + PAGE);
        if (more) more.hidden = shown >= c.results.length;
        return first;
      });
    }

    function announce(q) {
      var c = current;
      var n = c.results.length;
      var quoted = '“' + q.trim() + '”';
      if (mode === 'similar') {
        status.textContent = n
          ? 'The ' + plural(n, 'project', 'projects') + ' most like your aim, closest first.'
          : 'No project shares the important words of your aim. Try other words, or browse the projects.';
        return;
      }
      if (!c.words) {
        status.textContent = 'Type a word that is not a common word like “the” or “and”.';
      } else if (!n) {
        status.textContent = 'No results for ' + quoted + '. Check the spelling, or try fewer or other words.';
      } else {
        var shown = Math.min(n, PAGE);
        status.textContent = plural(n, 'result', 'results') + ' for ' + quoted +
          (c.partial ? ' (no page has every word: these have some of them)' : '') +
          (n > shown ? '. Showing the first ' + shown + '.' : '.');
      }
    }

    function query(q) {
      var mine = ++run;
      delete list.dataset.query;
      if (!q.trim()) { clear(''); setUrl(''); return Promise.resolve(); }
      return ready.then(function () {
        return mode === 'similar' ? index.similar(q, 10).then(function (r) { return { results: r }; }) : index.search(q);
      }).then(function (answer) {
        if (mine !== run) return;
        current = answer;
        list.replaceChildren();
        setUrl(q);
        return show(0).then(function () {
          if (mine !== run) return;
          announce(q);
          // Which query the list shows (tests wait for it).
          list.dataset.query = q;
        });
      }).catch(function (e) {
        if (mine === run) status.textContent = 'Search failed: ' + e.message;
      });
    }

    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { query(input.value); }, mode === 'similar' ? 300 : 150);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      query(input.value);
    });

    function links() { return Array.from(list.querySelectorAll('.search-title a')); }

    input.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') {
        if (!input.value) return;
        e.preventDefault();
        input.value = '';
        clearTimeout(timer);
        clear('Search cleared.');
        setUrl('');
      } else if (e.key === 'ArrowDown' && !(input.tagName === 'TEXTAREA' && !e.altKey && !e.ctrlKey && input.selectionEnd < input.value.length)) {
        var first = links()[0];
        if (first) { e.preventDefault(); first.focus(); }
      } else if (e.key === 'Enter' && input.tagName === 'TEXTAREA' && !e.shiftKey) {
        // In the aim box, Enter searches; Shift+Enter starts a new line.
        e.preventDefault();
        clearTimeout(timer);
        query(input.value);
      }
    });
    list.addEventListener('keydown', function (e) {
      var all = links();
      var i = all.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === 'ArrowDown' && i + 1 < all.length) { e.preventDefault(); all[i + 1].focus(); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
      else if (e.key === 'Escape') { e.preventDefault(); input.focus(); }
    });
    if (more) {
      more.addEventListener('click', function () {
        var from = list.children.length;
        show(from).then(function (first) {
          if (first) first.focus();
          var n = current.results.length;
          status.textContent = 'Showing ' + Math.min(n, from + PAGE).toLocaleString('en-GB') + ' of ' + plural(n, 'result', 'results') + '.';
        });
      });
    }

    var q = new URLSearchParams(location.search).get('q');
    if (q) {
      input.value = q;
      query(q);
    }
  }

  function start() {
    document.querySelectorAll('[data-search]').forEach(setup);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
