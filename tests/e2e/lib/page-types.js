// Classify a page by its path relative to the site root (e.g. "projects/x/index.html").
// When the site gains a new kind of page, add a rule here and, if every site must
// have it, add it to REQUIRED_TYPES. Pages no rule knows still get every check,
// under a type named after their URL shape ("other:a/*/b"), so nothing is skipped.

const FACETS = ['status', 'priorities', 'directorates', 'methods', 'tags'];

// [type, regular expression on the relative path]; first match wins.
const RULES = [
  ['home', /^index\.html$/],
  ['not-found', /^404\.html$/],
  ['project-index', /^projects\/index\.html$/],
  ['pdsa', /^projects\/[^/]+\/pdsa\/[^/]+\.html$/],
  ['project', /^projects\/[^/]+\/index\.html$/],
  ['programme-index', /^programmes\/index\.html$/],
  ['programme', /^programmes\/[^/]+\/index\.html$/],
  ['people-index', /^people\/index\.html$/],
  ['person', /^people\/[^/]+\/index\.html$/],
  ['story-index', /^stories\/index\.html$/],
  ['story-index-page', /^stories\/page\/\d+\/index\.html$/],
  ['story-tag-index', /^stories\/tags\/index\.html$/],
  ['story-tag', /^stories\/tags\/[^/]+\/(page\/\d+\/)?index\.html$/],
  ['story', /^stories\/[^/]+\/index\.html$/],
  ['showcase-index', /^showcases\/index\.html$/],
  ['celebration-wall', /^showcases\/wall\/index\.html$/],
  ['showcase', /^showcases\/[^/]+\/index\.html$/],
  ['search', /^search\/index\.html$/],
  ['before-you-start', /^before-you-start\/index\.html$/],
  ['facet-index', new RegExp(`^(${FACETS.join('|')})/index\\.html$`)],
  ['facet', new RegExp(`^(${FACETS.join('|')})/.+\\.html$`)],
];

const SECTIONS = new Set(['projects', 'programmes', 'people', 'stories', 'showcases', 'static', ...FACETS]);

// Every site built from content-example must have at least one page of each.
export const REQUIRED_TYPES = [
  'home', 'project-index', 'facet', 'project', 'pdsa', 'programme', 'people-index', 'person',
  'story-index', 'story-index-page', 'story-tag-index', 'story-tag', 'story', 'showcase-index', 'celebration-wall',
  'showcase', 'free', 'not-found', 'search', 'before-you-start',
];

export function classify(rel) {
  for (const [type, re] of RULES) if (re.test(rel)) return type;
  const parts = rel.split('/');
  if (parts.length === 2 && parts[1] === 'index.html' && !SECTIONS.has(parts[0])) return 'free';
  // Unknown shape: keep the first directory and the file name, replace the rest by "*".
  return 'other:' + parts.map((p, i) => (i === 0 || i === parts.length - 1 ? p : '*')).join('/');
}

export function safeFileName(type) {
  return type.replace(/[^a-z0-9-]+/gi, '_');
}
