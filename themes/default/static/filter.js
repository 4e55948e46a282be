/* qisite: filter and sort the project index (projects/index.html). Hand-written, no
   framework, nothing fetched, so it works from file:// and under any sub-path.

   Progressive enhancement: without JavaScript the form stays hidden, every project is
   listed, and the static facet pages (status/, priorities/, …) do the browsing. With
   it, the form appears and the list follows it at once:
   - within a group of checkboxes any ticked option matches (OR); a project must match
     every group in use (AND), and the progress score range;
   - the sort order is by title (the page's own order), start date, last update or
     progress score, newest or highest first, with projects lacking the value last;
   - the choices live in the query string (history.replaceState), e.g.
     ?status=active&directorate=medicine&sort=updated, so a link shares the view and
     loading it restores the view;
   - a live region says "Showing 12 of 40 projects".
   Each card carries its data: data-terms ("field:value" tokens, where field is the
   control's name), data-progress, data-started and data-updated. */
(function () {
  'use strict';
  var form = document.getElementById('project-filters');
  var list = document.getElementById('project-list');
  var status = document.getElementById('project-count');
  if (!form || !list || !status || !window.URLSearchParams) return;

  var SORTS = {
    title: 'title (A to Z)',
    started: 'start date (newest first)',
    updated: 'last update (newest first)',
    progress: 'progress score (highest first)'
  };
  var controls = Array.prototype.slice.call(form.elements).filter(function (el) {
    return el.name && (el.type === 'checkbox' || el.localName === 'select');
  });
  var cards = Array.prototype.map.call(list.children, function (li, i) {
    var terms = Object.create(null);
    (li.getAttribute('data-terms') || '').split(' ').forEach(function (t) {
      if (t) terms[t] = true;
    });
    var progress = li.getAttribute('data-progress');
    return {
      el: li,
      index: i,
      terms: terms,
      progress: progress ? parseFloat(progress) : null,
      started: li.getAttribute('data-started') || '',
      updated: li.getAttribute('data-updated') || ''
    };
  });
  var sortedBy = 'title';

  function number(n) {
    return n.toLocaleString('en-GB');
  }

  // The form's choices: ticked values by group, the score range and the sort order.
  function read() {
    var s = { groups: {}, min: null, max: null, sort: 'title' };
    controls.forEach(function (el) {
      if (el.type === 'checkbox') {
        if (el.checked) (s.groups[el.name] = s.groups[el.name] || []).push(el.value);
      } else if (el.name === 'sort') {
        s.sort = SORTS[el.value] ? el.value : 'title';
      } else if (el.value) {
        s[el.name === 'progress-min' ? 'min' : 'max'] = parseFloat(el.value);
      }
    });
    // "From 4.0 to 2.0" means the same range as "from 2.0 to 4.0".
    if (s.min !== null && s.max !== null && s.min > s.max) s = swapRange(s);
    return s;
  }

  function swapRange(s) {
    var lo = s.max;
    s.max = s.min;
    s.min = lo;
    return s;
  }

  function matches(card, s) {
    for (var name in s.groups) {
      var any = s.groups[name].some(function (v) {
        return card.terms[name + ':' + v];
      });
      if (!any) return false;
    }
    if (s.min === null && s.max === null) return true;
    if (card.progress === null) return false;
    return (s.min === null || card.progress >= s.min - 1e-9) &&
      (s.max === null || card.progress <= s.max + 1e-9);
  }

  // Newest or highest first; cards without the value last; ties keep title order.
  function compare(key) {
    return function (a, b) {
      var x = a[key];
      var y = b[key];
      var missing = (x === null || x === '') - (y === null || y === '');
      if (missing) return missing;
      if (x !== y && x !== null && x !== '') return x < y ? 1 : -1;
      return a.index - b.index;
    };
  }

  function reorder(sort) {
    if (sort === sortedBy) return;
    var order = cards.slice();
    if (sort !== 'title') order.sort(compare(sort));
    var fragment = document.createDocumentFragment();
    order.forEach(function (c) {
      fragment.appendChild(c.el);
    });
    list.appendChild(fragment);
    sortedBy = sort;
  }

  // The query string: filters in the form's order, then the sort order if not title.
  function query() {
    var params = new URLSearchParams();
    var sort = 'title';
    controls.forEach(function (el) {
      if (el.name === 'sort') sort = el.value;
      else if (el.type === 'checkbox' ? el.checked : el.value) params.append(el.name, el.value);
    });
    if (sort !== 'title') params.append('sort', sort);
    return params.toString();
  }

  function writeUrl() {
    var q = query();
    var url = location.href.replace(/[?#].*$/, '') + (q ? '?' + q : '') + location.hash;
    if (url === location.href) return;
    try {
      history.replaceState(history.state, '', url);
    } catch (e) {
      // A browser that refuses to change a file:// address: the view still works.
    }
  }

  // Sets the form from the query string; unknown names and values are ignored.
  function restore() {
    var params = new URLSearchParams(location.search);
    controls.forEach(function (el) {
      if (el.type === 'checkbox') {
        el.checked = params.getAll(el.name).indexOf(el.value) !== -1;
        return;
      }
      var want = params.get(el.name);
      var known = Array.prototype.some.call(el.options, function (o) {
        return o.value === want;
      });
      el.value = known ? want : el.options[0].value;
    });
  }

  function apply() {
    var s = read();
    var shown = 0;
    cards.forEach(function (c) {
      var show = matches(c, s);
      c.el.hidden = !show;
      if (show) shown += 1;
    });
    reorder(s.sort);
    var total = cards.length;
    var noun = total === 1 ? 'project' : 'projects';
    var text = 'Showing ' + (shown === total ? (total === 1 ? 'the one' : 'all ' + number(total)) : number(shown) + ' of ' + number(total)) +
      ' ' + noun + ', sorted by ' + SORTS[s.sort] + '.';
    if (!shown) text += ' No project matches every filter: untick some to see more.';
    if (status.textContent !== text) status.textContent = text;
    writeUrl();
  }

  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    apply();
  });
  form.addEventListener('reset', function () {
    // The reset event fires before the controls are reset.
    setTimeout(apply, 0);
  });
  restore();
  form.hidden = false;
  form.parentNode.classList.add('filtering');
  apply();
})();
