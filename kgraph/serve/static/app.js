/* kgraph explorer: the single-page app behind `kgraph serve` (and `kgraph export -o story.html`).
 *
 * Routes (hash): #/ start page, #/entity/<encodeURIComponent(iri)> one entity, #/query[/<name>] queries.
 *
 * Data comes through one small data-source layer:
 *  - server mode: fetch() from the JSON API of kgraph/serve/app.py (/api/..., /sparql);
 *  - embedded mode: when the page holds <script id="kgraph-data" type="application/json">, its JSON
 *    {info, index, entities, queries} answers everything, with no network at all.
 *
 * Every text from the graph is inserted with textContent / createTextNode, never as HTML.
 */
(function () {
  'use strict';

  // Where kgraph mints resource IRIs (kgraph/vocab.py RESOURCE_BASE, the kgr: prefix).
  const DEFAULT_RESOURCE_BASE = 'https://kgraph.example/id/';
  const KIND_ORDER = ['organization', 'person', 'incident', 'measure', 'article'];
  const KIND_LABELS = { organization: '기관', person: '인물', incident: '사고', measure: '조치', article: '기사' };
  const PREFIXES = {
    kg: 'https://kgraph.example/ontology#',
    rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
    rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
    skos: 'http://www.w3.org/2004/02/skos/core#',
    xsd: 'http://www.w3.org/2001/XMLSchema#',
    schema: 'https://schema.org/',
    prov: 'http://www.w3.org/ns/prov#',
    owl: 'http://www.w3.org/2002/07/owl#',
  };
  const FONT = '"Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", "NanumGothic", "Nanum Gothic", system-ui, sans-serif';
  const DEFAULT_QUERY = 'SELECT ?org ?label WHERE {\n  ?org a kg:Company ; rdfs:label ?label .\n  FILTER(lang(?label) = "ko")\n}\nORDER BY ?label\nLIMIT 50\n';

  let resourceBase = DEFAULT_RESOURCE_BASE;
  const typeLabels = {}; // English class name -> Korean label, learnt from every entity answer

  // ---------------------------------------------------------------------------------------
  // DOM helpers (text only: nothing from the data is ever parsed as HTML)

  function h(tag, props) {
    const node = document.createElement(tag);
    if (props) {
      for (const key of Object.keys(props)) {
        const value = props[key];
        if (value === null || value === undefined || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key === 'style') Object.assign(node.style, value);
        else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
        else if (key === 'value' || key === 'checked' || key === 'readOnly' || key === 'disabled') node[key] = value;
        else node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (let i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, kid) {
    if (kid === null || kid === undefined || kid === false) return;
    if (Array.isArray(kid)) { kid.forEach((k) => append(node, k)); return; }
    node.appendChild(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  const $ = (sel) => document.querySelector(sel);

  function safeColour(c) { return /^#[0-9a-fA-F]{3,8}$/.test(c || '') ? c : '#bdbdbd'; }

  function isLight(colour) {
    const c = safeColour(colour).slice(1);
    const full = c.length === 3 ? c.split('').map((x) => x + x).join('') : c.slice(0, 6);
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
    const lin = (v) => (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) > 0.4;
  }

  function safeUrl(u) { return /^https?:\/\//i.test(u || '') ? u : null; }

  function entityHash(iri) { return '#/entity/' + encodeURIComponent(iri); }

  function typeLabel(type, kind) {
    if (type && typeLabels[type]) return typeLabels[type];
    if (type) return type;
    return KIND_LABELS[kind] || '항목';
  }

  function learnTypeLabels(map) {
    if (map && typeof map === 'object') Object.keys(map).forEach((k) => { typeLabels[k] = map[k]; });
  }

  function badge(node) {
    const colour = safeColour(node.colour);
    return h('span', {
      class: 'badge' + (isLight(colour) ? ' light' : ''), style: { backgroundColor: colour },
      title: (node.type || '') + (node.kind ? ' · ' + (KIND_LABELS[node.kind] || node.kind) : ''),
    }, typeLabel(node.type, node.kind));
  }

  function entityLink(iri, text, extra) {
    return h('a', Object.assign({ href: entityHash(iri) }, extra || {}), text);
  }

  function externalLink(url, text) {
    const safe = safeUrl(url);
    return safe ? h('a', { href: safe, target: '_blank', rel: 'noopener noreferrer' }, text) : h('span', null, text);
  }

  function prefixed(iri) {
    for (const p of Object.keys(PREFIXES)) {
      if (iri.startsWith(PREFIXES[p])) return p + ':' + iri.slice(PREFIXES[p].length);
    }
    if (iri.startsWith(resourceBase)) return 'kgr:' + decodeSafe(iri.slice(resourceBase.length));
    return iri;
  }

  function decodeSafe(s) { try { return decodeURIComponent(s); } catch (e) { return s; } }

  function formatNumber(n) { return typeof n === 'number' ? n.toLocaleString('ko-KR') : String(n); }

  /** A number written as text, with thousands separators (whole numbers exactly, however large). */
  function formatNumeral(text) {
    if (/^-?\d+$/.test(text)) return BigInt(text).toLocaleString('ko-KR');
    if (/^-?\d+\.\d+$/.test(text)) return Number(text).toLocaleString('ko-KR', { maximumFractionDigits: 20 });
    return text;
  }

  function fold(text) {
    return String(text).normalize('NFKC').toLowerCase().replace(/[\s·ㆍ]+/g, '');
  }

  // ---------------------------------------------------------------------------------------
  // Data sources

  class LoadError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  const OFFLINE = '서버에 연결할 수 없습니다. kgraph serve가 실행 중인지 확인하세요.';

  function serverSource() {
    async function request(url, options) {
      let response;
      try {
        response = await fetch(url, options);
      } catch (err) {
        throw new LoadError(0, OFFLINE);
      }
      if (!response.ok) {
        let text = '';
        try { text = (await response.text()).trim(); } catch (err) { /* keep the status */ }
        throw new LoadError(response.status, text || response.status + ' ' + response.statusText);
      }
      return response;
    }
    async function json(url) {
      const response = await request(url, { headers: { Accept: 'application/json' } });
      return response.json();
    }
    async function results(url, options) {
      const started = performance.now();
      const response = await request(url, options);
      const type = response.headers.get('Content-Type') || '';
      const out = {
        contentType: type,
        truncated: (response.headers.get('KGraph-Truncated') || '').toLowerCase() === 'true',
        rowLimit: response.headers.get('KGraph-Row-Limit'),
        ms: 0,
      };
      if (/json/i.test(type)) out.data = await response.json();
      else out.text = await response.text();
      out.ms = performance.now() - started;
      return out;
    }
    return {
      mode: 'server',
      canRun: true,
      info: () => json('api/info'),
      search: (q, limit) => json('api/search?q=' + encodeURIComponent(q) + '&limit=' + (limit || 20)),
      entity: (iri) => json('api/entity?iri=' + encodeURIComponent(iri)),
      queries: () => json('api/queries'),
      named(name, params) {
        let url = 'api/named?name=' + encodeURIComponent(name);
        for (const key of Object.keys(params || {})) {
          if (params[key] !== '') url += '&param.' + encodeURIComponent(key) + '=' + encodeURIComponent(params[key]);
        }
        return results(url, { headers: { Accept: 'application/sparql-results+json, text/turtle;q=0.9' } });
      },
      sparql(text) {
        const graphResult = /^(CONSTRUCT|DESCRIBE)$/.test(queryForm(text));
        return results('sparql', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
            Accept: graphResult ? 'text/turtle' : 'application/sparql-results+json',
          },
          body: new URLSearchParams({ query: text }).toString(),
        });
      },
    };
  }

  function embeddedSource(data) {
    const index = Array.isArray(data.index) ? data.index : [];
    const entities = data.entities || {};
    const queries = Array.isArray(data.queries) ? data.queries : [];
    const order = {};
    KIND_ORDER.forEach((k, i) => { order[k] = i; });
    Object.keys(entities).forEach((iri) => learnTypeLabels(entities[iri] && entities[iri].type_labels));

    function search(text, limit) {
      const key = fold(text);
      if (!key) return [];
      const scored = [];
      for (const e of index) {
        let best = null;
        for (const [folded, name, isLabel] of e.names || []) {
          let rank;
          if (folded === key) rank = 0;
          else if (folded.startsWith(key)) rank = 2;
          else if (folded.includes(key)) rank = 4;
          else continue;
          rank += isLabel ? 0 : 1;
          if (best === null || rank < best[0]) best = [rank, name];
        }
        if (best !== null) {
          const kind = order[e.kind] === undefined ? 9 : order[e.kind];
          scored.push({ key: [best[0], kind, [...e.label].length, e.label, e.iri], matched: best[1], e });
        }
      }
      scored.sort((a, b) => {
        for (let i = 0; i < a.key.length; i++) {
          if (a.key[i] < b.key[i]) return -1;
          if (a.key[i] > b.key[i]) return 1;
        }
        return 0;
      });
      return scored.slice(0, limit || 20).map((s) => ({
        iri: s.e.iri, label: s.e.label, type: s.e.type, kind: s.e.kind, colour: s.e.colour, matched: s.matched,
      }));
    }

    const notHere = '이 파일에서는 쿼리를 편집하고 실행할 수 없습니다: kgraph serve로 그래프를 열어 주세요.';
    return {
      mode: 'embedded',
      canRun: false,
      info: async () => data.info || { triples: 0, kinds: {} },
      search: async (q, limit) => search(q, limit),
      async entity(iri) {
        if (!Object.prototype.hasOwnProperty.call(entities, iri)) {
          throw new LoadError(404, '이 파일에 담기지 않은 항목입니다: ' + iri);
        }
        return entities[iri];
      },
      queries: async () => queries,
      async named(name) {
        const q = queries.find((x) => x.name === name);
        if (!q) throw new LoadError(404, 'no named query ' + name);
        if (!q.result) throw new LoadError(0, notHere);
        return { data: q.result, truncated: false, precomputed: true, ms: 0 };
      },
      async sparql() { throw new LoadError(0, notHere); },
    };
  }

  function readEmbedded() {
    const node = document.getElementById('kgraph-data');
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (err) {
      return { error: String(err) };
    }
  }

  /** The form of a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) after comments, PREFIX and BASE. */
  function queryForm(text) {
    let s = String(text);
    for (;;) {
      s = s.replace(/^\s+/, '');
      if (s.startsWith('#')) { const nl = s.indexOf('\n'); s = nl < 0 ? '' : s.slice(nl + 1); continue; }
      const decl = /^(PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)/i.exec(s);
      if (decl) { s = s.slice(decl[0].length); continue; }
      break;
    }
    const word = /^[A-Za-z]+/.exec(s);
    return word ? word[0].toUpperCase() : '';
  }

  // ---------------------------------------------------------------------------------------
  // State

  let embeddedData = null; // read in start(): the exporter may put the data after this script
  let source = null;
  let viewId = 0;          // bumped on every navigation: late answers for an old view are dropped
  let graph = null;        // the cytoscape instance of the entity page
  let queriesCache = null;
  const queryState = { text: null, selected: null, params: {}, result: null, error: null };

  function main() { return document.getElementById('main'); }

  function showError(container, err, lead) {
    const status = err && err.status;
    const title = lead || (status === 404 ? '찾을 수 없습니다' : status === 503 ? '서버가 바빠 답하지 못했습니다 (시간 초과)'
      : status === 0 ? '연결 오류' : '오류');
    const box = h('div', { class: 'error', role: 'alert' },
      h('strong', null, title + (status ? ' (' + status + ')' : '')),
      h('pre', null, err && err.message ? err.message : String(err)));
    append(container, box);
    return box;
  }

  function destroyGraph() {
    if (graph) { graph.destroy(); graph = null; }
    window.kgraphGraph = null;
  }

  function setView(title, nav) {
    destroyGraph();
    document.title = title ? title + ' — kgraph' : 'kgraph 탐색기';
    document.querySelectorAll('[data-nav]').forEach((a) => {
      if (a.getAttribute('data-nav') === nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    const m = clear(main());
    return m;
  }

  // ---------------------------------------------------------------------------------------
  // Router

  function route() {
    const id = ++viewId;
    const path = (location.hash || '#/').slice(1);
    suggest.close();
    window.scrollTo(0, 0);
    if (path.startsWith('/entity/')) return showEntity(decodeSafe(path.slice('/entity/'.length)), id);
    if (path === '/query' || path.startsWith('/query/')) {
      return showQuery(path.length > '/query/'.length ? decodeSafe(path.slice('/query/'.length)) : null, id);
    }
    return showStart(id);
  }

  // ---------------------------------------------------------------------------------------
  // Search box with suggestions (in the header of every page)

  const suggest = (function () {
    let input, list, timer = null, seq = 0, items = [], active = -1, lastQuery = '';

    function init() {
      input = $('#search-input');
      list = $('#search-list');
      input.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(load, 160);
      });
      input.addEventListener('keydown', onKey);
      input.addEventListener('focus', () => { if (items.length && fold(input.value)) show(); });
      input.addEventListener('blur', () => setTimeout(close, 150));
      $('#search-form').addEventListener('submit', (ev) => { ev.preventDefault(); pick(); });
    }

    async function load() {
      clearTimeout(timer);
      timer = null;
      const q = input.value;
      const my = ++seq;
      if (!fold(q)) { items = []; close(); return; }
      let hits;
      try {
        hits = await source.search(q, 12);
      } catch (err) {
        if (my !== seq) return;
        items = [];
        render(err.message);
        return;
      }
      if (my !== seq) return;
      items = hits;
      lastQuery = q;
      active = hits.length ? 0 : -1;
      render(hits.length ? null : '“' + q + '”에 맞는 이름이 없습니다');
    }

    function render(message) {
      clear(list);
      if (message) {
        list.appendChild(h('li', { class: 's-empty', role: 'option', 'aria-disabled': 'true' }, message));
      }
      items.forEach((hit, i) => {
        const matched = hit.matched && hit.matched !== hit.label
          ? h('span', { class: 's-matched' }, '← ' + hit.matched) : null;
        const li = h('li', {
          id: 'sugg-' + i, role: 'option', 'aria-selected': i === active ? 'true' : 'false',
          'data-iri': hit.iri,
          onmousedown: (ev) => ev.preventDefault(),
          onclick: () => open(hit),
        }, badge(hit), h('span', { class: 's-label' }, hit.label), matched);
        list.appendChild(li);
      });
      show();
    }

    function show() {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      if (active >= 0) input.setAttribute('aria-activedescendant', 'sugg-' + active);
      else input.removeAttribute('aria-activedescendant');
    }

    function close() {
      if (!list) return;
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function move(delta) {
      if (!items.length) return;
      active = (active + delta + items.length) % items.length;
      list.querySelectorAll('li[data-iri]').forEach((li, i) => li.setAttribute('aria-selected', i === active ? 'true' : 'false'));
      const li = document.getElementById('sugg-' + active);
      if (li) li.scrollIntoView({ block: 'nearest' });
      show();
    }

    async function pick() {
      if (timer !== null || lastQuery !== input.value) await load();
      if (items.length) open(items[active >= 0 ? active : 0]);
    }

    function open(hit) {
      close();
      input.value = '';
      items = [];
      input.blur();
      location.hash = entityHash(hit.iri);
    }

    function onKey(ev) {
      if (ev.isComposing || ev.keyCode === 229) return; // Enter that ends a Hangul composition
      if (ev.key === 'ArrowDown') { ev.preventDefault(); if (list.hidden && items.length) show(); else move(1); }
      else if (ev.key === 'ArrowUp') { ev.preventDefault(); move(-1); }
      else if (ev.key === 'Escape') { close(); }
      else if (ev.key === 'Enter') { ev.preventDefault(); pick(); }
    }

    return { init, close };
  })();

  // ---------------------------------------------------------------------------------------
  // Start page

  async function showStart(id) {
    const m = setView(null, 'start');
    const hero = h('section', { class: 'hero' },
      h('h1', null, '한국 뉴스 지식 그래프'),
      h('p', null, '기사에서 읽어 낸 기관·인물·사고·조치와 그 근거 문장을 찾아봅니다. ',
        '위 검색창에 이름이나 별칭(예: 과기정통부)을 입력하세요.'));
    m.appendChild(hero);
    const stats = h('section', { class: 'stats', 'aria-label': '그래프 규모' }, h('p', { class: 'loading' }, '불러오는 중…'));
    m.appendChild(stats);
    const grid = h('div', { class: 'start-grid' });
    m.appendChild(grid);

    let info;
    try {
      info = await source.info();
    } catch (err) {
      if (id !== viewId) return;
      clear(stats);
      showError(stats, err, '그래프 정보를 불러오지 못했습니다');
      stats.className = '';
      return;
    }
    if (id !== viewId) return;
    learnTypeLabels(info.type_labels);
    if (info.resource_base) resourceBase = info.resource_base;
    clear(stats);
    const kinds = info.kinds || {};
    for (const kind of KIND_ORDER) {
      stats.appendChild(h('div', { class: 'stat' },
        h('span', { class: 'n' }, formatNumber(kinds[kind] || 0)),
        h('span', { class: 'what' }, KIND_LABELS[kind] + ' (' + kind + ')')));
    }
    stats.appendChild(h('div', { class: 'stat' },
      h('span', { class: 'n' }, formatNumber(info.triples || 0)), h('span', { class: 'what' }, '트리플 (triples)')));

    const howto = h('section', { class: 'card' }, h('h2', null, '둘러보기'),
      h('ul', { class: 'linklist' },
        h('li', null, h('strong', null, '검색'), h('span', { class: 'muted' },
          '라벨과 별칭을 모두 찾습니다. 띄어쓰기와 대소문자는 무시합니다.')),
        h('li', null, h('strong', null, '항목 화면'), h('span', { class: 'muted' },
          '종류와 별칭, 관계망 그래프, 사고·조치의 연표, 사실마다 근거 문장과 원문 기사 링크.')),
        h('li', null, h('a', { href: '#/query' }, 'SPARQL 쿼리'), h('span', { class: 'muted' },
          source.canRun ? '직접 쓰거나 이름 붙은 쿼리를 골라 실행합니다.' : '미리 계산된 결과를 봅니다.'))));
    const limits = info.limits ? h('p', { class: 'small muted' },
      '쿼리 제한: ' + info.limits.timeout + '초, 최대 ' + formatNumber(info.limits.max_rows) + '행') : null;
    howto.appendChild(limits || document.createTextNode(''));
    grid.appendChild(howto);

    const named = h('section', { class: 'card' }, h('h2', null, '이름 붙은 쿼리'));
    grid.appendChild(named);
    try {
      const queries = await loadQueries();
      if (id !== viewId) return;
      const ul = h('ul', { class: 'linklist' });
      queries.forEach((q) => ul.appendChild(h('li', null,
        h('a', { href: '#/query/' + encodeURIComponent(q.name), class: 'mono' }, q.name),
        h('span', { class: 'muted small' }, q.description || ''))));
      named.appendChild(queries.length ? ul : h('p', { class: 'empty' }, '쿼리가 없습니다.'));
    } catch (err) {
      if (id !== viewId) return;
      showError(named, err);
    }
  }

  async function loadQueries() {
    if (!queriesCache) {
      try {
        queriesCache = await source.queries();
      } catch (err) {
        queriesCache = null;
        throw err;
      }
    }
    return queriesCache;
  }

  // ---------------------------------------------------------------------------------------
  // Entity page

  async function showEntity(iri, id) {
    const m = setView('불러오는 중', null);
    m.appendChild(h('p', { class: 'loading' }, '불러오는 중…'));
    let e;
    try {
      e = await source.entity(iri);
    } catch (err) {
      if (id !== viewId) return;
      clear(m);
      document.title = '오류 — kgraph';
      showError(m, err, err.status === 404 ? '이 그래프에 없는 항목입니다' : '항목을 불러오지 못했습니다');
      m.appendChild(h('p', null, h('a', { href: '#/' }, '처음 화면으로')));
      return;
    }
    if (id !== viewId) return;
    learnTypeLabels(e.type_labels);
    document.title = e.label + ' — kgraph';
    clear(m);

    const known = new Set((e.nodes || []).map((n) => n.iri));
    const nodeColour = {};
    (e.nodes || []).forEach((n) => { nodeColour[n.iri] = n.colour; });
    const names = [e.label].concat(e.aliases || []).filter((n) => n && n.length > 1);
    const linkable = (target) => known.has(target)
      || (source.mode === 'server' ? target.startsWith(resourceBase) : false);

    // Head: type, label, aliases, IRI
    const types = (e.types || []).filter((t) => t !== 'kg:' + e.type);
    m.appendChild(h('section', { class: 'entity-head', 'aria-labelledby': 'entity-title' },
      h('div', { class: 'kindline' }, badge(e),
        h('span', { class: 'typename', 'data-testid': 'entity-type' },
          (e.type || '?') + (e.kind ? ' · ' + (KIND_LABELS[e.kind] || e.kind) + ' (' + e.kind + ')' : '')
          + (types.length ? ' · ' + types.join(', ') : ''))),
      h('h1', { id: 'entity-title' }, e.label),
      (e.aliases || []).length ? h('div', { class: 'aliases', 'data-testid': 'aliases' },
        h('span', { class: 'lead' }, '별칭'), e.aliases.map((a) => h('span', { class: 'chip' }, a))) : null,
      h('div', { class: 'iri' }, e.iri)));

    const grid = h('div', { class: 'entity-grid' });
    const left = h('div', { class: 'col' });
    const right = h('div', { class: 'col' });
    grid.appendChild(left);
    grid.appendChild(right);
    m.appendChild(grid);

    // Neighbourhood graph
    const graphCard = h('section', { class: 'card graph-card o-graph', 'aria-labelledby': 'h-graph' });
    const nodes = e.nodes || [];
    const edges = (e.edges || []).filter((x) => known.has(x.source) && known.has(x.target));
    graphCard.appendChild(h('h2', { id: 'h-graph' }, '관계망',
      h('span', { class: 'count' }, '항목 ' + nodes.length + ' · 관계 ' + edges.length)));
    const box = h('div', { class: nodes.length > 24 ? 'graph big' : 'graph', id: 'graph', role: 'img',
      'aria-label': e.label + '의 관계망: 항목 ' + nodes.length + '개, 관계 ' + edges.length + '개' });
    graphCard.appendChild(box);
    graphCard.appendChild(legend(nodes, e.type_labels || {}));
    graphCard.appendChild(h('p', { class: 'graph-note' }, '노드를 누르면 그 항목으로 갑니다. 끌어서 옮기고, 휠로 확대합니다. ',
      h('button', { type: 'button', class: 'link-button', onclick: () => { if (graph) fitGraph(graph); } }, '전체 보기')));
    if (e.more_nodes) {
      graphCard.appendChild(h('p', { class: 'more' }, '이웃 ' + e.more_nodes + '개는 그리지 않았습니다 (연표에는 모두 있습니다).'));
    }
    graphCard.appendChild(nodeList(nodes, e.iri));
    left.appendChild(graphCard);

    // Timeline
    const timeline = (e.timeline || []).slice().sort((a, b) => cmp(a.date, b.date) || cmp(kindIndex(a.kind), kindIndex(b.kind)) || cmp(a.label, b.label));
    const tl = h('section', { class: 'card o-timeline', 'aria-labelledby': 'h-timeline' },
      h('h2', { id: 'h-timeline' }, '연표', h('span', { class: 'count' }, '사고·조치 ' + timeline.length)));
    if (timeline.length) {
      const ol = h('ol', { class: 'timeline' });
      for (const t of timeline) {
        const current = t.iri === e.iri;
        ol.appendChild(h('li', { class: current ? 'current' : null },
          h('time', { class: 'date', datetime: t.date }, t.date),
          h('span', { class: 'dot', style: { backgroundColor: safeColour(t.colour) }, 'aria-hidden': 'true' }),
          h('span', { class: 'what' },
            current ? h('span', { class: 't' }, t.label) : entityLink(t.iri, t.label),
            badge(t),
            t.until ? h('span', { class: 'until' }, '~ ' + t.until + ' 보도') : null)));
      }
      tl.appendChild(ol);
    } else {
      tl.appendChild(h('p', { class: 'empty' }, '날짜가 있는 사고·조치가 없습니다.'));
    }

    // Properties
    const props = e.properties || [];
    const pc = h('section', { class: 'card o-props', 'aria-labelledby': 'h-props' }, h('h2', { id: 'h-props' }, '속성'));
    if (props.length) {
      const table = h('table', { class: 'props' });
      for (const p of props) {
        let value;
        if (p.iri) {
          value = linkable(p.iri) ? entityLink(p.iri, p.value)
            : (safeUrl(p.iri) && !p.iri.startsWith(resourceBase) ? externalLink(p.iri, p.value) : h('span', null, p.value));
        } else {
          value = [safeUrl(p.value) ? externalLink(p.value, p.value) : h('span', { class: 'pv' }, literalText(p.value, p.datatype)),
            p.lang ? h('span', { class: 'dt' }, '@' + p.lang) : null,
            p.datatype ? h('span', { class: 'dt' }, p.datatype) : null];
        }
        table.appendChild(h('tr', null,
          h('th', { scope: 'row' }, p.label || p.property, h('span', { class: 'en' }, p.property)),
          h('td', null, value)));
      }
      pc.appendChild(table);
    } else {
      pc.appendChild(h('p', { class: 'empty' }, '이름과 종류 말고는 기록된 속성이 없습니다.'));
    }
    right.appendChild(pc);
    right.appendChild(tl);

    // Observations
    const obs = e.observations || [];
    if (obs.length) {
      const oc = h('section', { class: 'card o-obs', 'aria-labelledby': 'h-obs' },
        h('h2', { id: 'h-obs' }, '보도된 수치', h('span', { class: 'count' }, String(obs.length))));
      const table = h('table', { class: 'obs' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, '항목'), h('th', { scope: 'col' }, '값'),
          h('th', { scope: 'col' }, '보도일'), h('th', { scope: 'col' }, '기사'))));
      const body = h('tbody');
      for (const o of obs) {
        body.appendChild(h('tr', null,
          h('td', null, o.label || o.property),
          h('td', { class: 'num' }, formatNumeral(o.value)),
          h('td', { class: 'num' }, o.reported || ''),
          h('td', null, o.article ? entityLink(o.article, o.title || '기사') : '')));
      }
      table.appendChild(body);
      oc.appendChild(table);
      right.appendChild(oc);
    }

    // Articles
    const arts = e.articles || { count: 0, latest: [] };
    const ac = h('section', { class: 'card articles o-articles', 'aria-labelledby': 'h-articles' },
      h('h2', { id: 'h-articles' }, '언급한 기사', h('span', { class: 'count' }, (arts.count || 0) + '건')));
    if ((arts.latest || []).length) {
      const ul = h('ul', { class: 'linklist' });
      for (const a of arts.latest) {
        ul.appendChild(h('li', null,
          h('span', null, entityLink(a.iri, a.title || a.iri)),
          h('span', { class: 'meta' }, [a.outlet, a.published].filter(Boolean).join(' · ')),
          safeUrl(a.url) ? externalLink(a.url, '원문 ↗') : null));
      }
      ac.appendChild(ul);
      if (arts.count > arts.latest.length) {
        ac.appendChild(h('p', { class: 'more' }, '최근 ' + arts.latest.length + '건만 보입니다.'));
      }
    } else {
      ac.appendChild(h('p', { class: 'empty' }, '이 항목을 언급한 기사가 없습니다.'));
    }
    if (e.kind !== 'article' || arts.count) right.appendChild(ac);

    // Evidence
    const evidence = e.evidence || [];
    const ec = h('section', { class: 'card o-evidence', 'aria-labelledby': 'h-evidence', id: 'evidence' },
      h('h2', { id: 'h-evidence' }, '근거 문장', h('span', { class: 'count' }, '사실 ' + evidence.length)));
    if (evidence.length) {
      const ul = h('ul', { class: 'evidence-list' });
      for (const f of evidence) {
        const sentences = h('ul', { class: 'sentences' });
        for (const s of f.sentences || []) {
          const meta = [s.outlet, s.published].filter(Boolean).join(' · ');
          sentences.appendChild(h('li', null,
            h('blockquote', null, highlight(s.sentence, names)),
            h('span', { class: 'src' },
              safeUrl(s.url) ? externalLink(s.url, s.title || '원문 기사') : entityLink(s.article, s.title || '기사'),
              meta ? ' — ' + meta : '')));
        }
        ul.appendChild(h('li', { class: 'fact', 'data-fact': f.fact },
          h('div', { class: 'fact-head' }, badge(Object.assign({}, f, { colour: nodeColour[f.fact] || f.colour })),
            f.fact === e.iri ? h('strong', null, f.label) : entityLink(f.fact, f.label)),
          sentences,
          f.more ? h('p', { class: 'more' }, '문장 ' + f.more + '개 더 있음') : null,
          f.facts_not_shown ? h('p', { class: 'more' }, '근거가 있는 사실 ' + f.facts_not_shown + '개는 더 보이지 않았습니다.') : null));
      }
      ec.appendChild(ul);
    } else {
      ec.appendChild(h('p', { class: 'empty' }, '근거 문장이 없습니다.'));
    }
    left.appendChild(ec);

    drawGraph(box, nodes, edges, e.iri);
  }

  /** A literal for reading: numbers with separators, date-times without the T. */
  function literalText(value, datatype) {
    const dt = datatype || '';
    if (/^xsd:(integer|decimal|long|int|nonNegativeInteger|positiveInteger)$/.test(dt) && /^-?\d+(\.\d+)?$/.test(value)) {
      return formatNumeral(value);
    }
    if (dt === 'xsd:dateTime') {
      const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
      if (m) return m[1] + ' ' + m[2] + (m[3] ? ' (' + (m[3] === 'Z' ? 'UTC' : m[3]) + ')' : '');
    }
    return value;
  }

  /** The sentence as text nodes, with each name of the entity in a <mark>. */
  function highlight(text, names) {
    const wanted = names.slice().sort((a, b) => b.length - a.length);
    const out = [];
    let rest = String(text);
    while (rest) {
      let at = -1, hit = '';
      for (const n of wanted) {
        const i = rest.indexOf(n);
        if (i >= 0 && (at < 0 || i < at || (i === at && n.length > hit.length))) { at = i; hit = n; }
      }
      if (at < 0) { out.push(rest); break; }
      if (at > 0) out.push(rest.slice(0, at));
      out.push(h('mark', null, hit));
      rest = rest.slice(at + hit.length);
    }
    return out;
  }

  function kindIndex(kind) { const i = KIND_ORDER.indexOf(kind); return i < 0 ? 9 : i; }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function legend(nodes, labels) {
    const seen = new Map();
    for (const n of nodes) if (!seen.has(n.type)) seen.set(n.type, n);
    const ul = h('ul', { class: 'legend', 'aria-label': '색 범례' });
    [...seen.values()]
      .sort((a, b) => cmp(kindIndex(a.kind), kindIndex(b.kind)) || cmp(a.type, b.type))
      .forEach((n) => ul.appendChild(h('li', null,
        h('span', { class: 'swatch', style: { backgroundColor: safeColour(n.colour) } }),
        labels[n.type] || typeLabel(n.type, n.kind), h('span', { class: 'en' }, n.type))));
    return ul;
  }

  function nodeList(nodes, self) {
    const others = nodes.filter((n) => n.iri !== self);
    const details = h('details', { class: 'small' }, h('summary', null, '목록으로 보기 (' + others.length + ')'));
    const ul = h('ul', { class: 'linklist' });
    others.forEach((n) => ul.appendChild(h('li', null, badge(n), entityLink(n.iri, n.label))));
    details.appendChild(ul);
    return details;
  }

  const SHAPES = { organization: 'ellipse', person: 'ellipse', incident: 'diamond', measure: 'round-rectangle', article: 'rectangle' };

  function drawGraph(container, nodes, edges, self) {
    destroyGraph();
    if (typeof window.cytoscape !== 'function') {
      append(container, h('p', { class: 'error' }, '그래프 라이브러리(cytoscape.js)를 불러오지 못했습니다.'));
      return;
    }
    const elements = [];
    for (const n of nodes) {
      elements.push({
        group: 'nodes',
        data: { id: n.iri, label: n.label, colour: safeColour(n.colour), shape: SHAPES[n.kind] || 'ellipse' },
        classes: n.iri === self ? 'focus' : '',
      });
    }
    edges.forEach((x, i) => elements.push({
      group: 'edges', data: { id: 'e' + i, source: x.source, target: x.target, label: x.label || x.relation },
    }));
    const cy = window.cytoscape({
      container,
      elements,
      minZoom: 0.25,
      maxZoom: 3,
      style: [
        { selector: 'node', style: {
          'background-color': 'data(colour)', shape: 'data(shape)', width: 24, height: 24,
          'border-width': 2, 'border-color': '#ffffff',
          label: 'data(label)', 'font-family': FONT, 'font-size': 12, color: '#1d2430',
          'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': 4,
          'text-wrap': 'wrap', 'text-max-width': 120,
          'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 2,
          'text-background-shape': 'roundrectangle', 'min-zoomed-font-size': 7 } },
        { selector: 'node.focus', style: {
          width: 38, height: 38, 'border-color': '#17202e', 'border-width': 3, 'font-size': 14, 'font-weight': 'bold' } },
        { selector: 'node.hover', style: { 'border-color': '#1f5fbf', 'border-width': 3 } },
        { selector: 'edge', style: {
          width: 1.4, 'line-color': '#aeb7c4', 'target-arrow-color': '#aeb7c4', 'target-arrow-shape': 'triangle',
          'arrow-scale': 0.8, 'curve-style': 'bezier',
          label: 'data(label)', 'font-family': FONT, 'font-size': 9, color: '#5b6576', 'text-rotation': 'autorotate',
          'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
          'min-zoomed-font-size': 7 } },
        { selector: 'edge.hover', style: { 'line-color': '#1f5fbf', 'target-arrow-color': '#1f5fbf', width: 2.2, color: '#1d2430' } },
      ],
      layout: ringLayout(nodes, edges, self),
    });
    fitGraph(cy);
    cy.on('tap', 'node', (ev) => {
      const iri = ev.target.id();
      if (iri !== self) location.hash = entityHash(iri);
    });
    cy.on('mouseover', 'node', (ev) => {
      container.style.cursor = 'pointer';
      ev.target.addClass('hover');
      ev.target.connectedEdges().addClass('hover');
    });
    cy.on('mouseout', 'node', (ev) => {
      container.style.cursor = '';
      ev.target.removeClass('hover');
      ev.target.connectedEdges().removeClass('hover');
    });
    graph = cy;
    window.kgraphGraph = cy;
  }

  /** Rings around the entity: its direct neighbours first, then the nodes one step further. */
  function ringLayout(nodes, edges, self) {
    const level = { [self]: 0 };
    const next = {};
    edges.forEach((x) => {
      (next[x.source] = next[x.source] || []).push(x.target);
      (next[x.target] = next[x.target] || []).push(x.source);
    });
    let frontier = [self];
    for (let depth = 1; frontier.length; depth++) {
      const found = [];
      frontier.forEach((n) => (next[n] || []).forEach((m) => {
        if (level[m] === undefined) { level[m] = depth; found.push(m); }
      }));
      frontier = found;
    }
    const big = nodes.length > 24;
    if (nodes.length <= 1) return { name: 'grid', fit: false };
    return {
      name: 'concentric', animate: false, fit: true, padding: 30, avoidOverlap: true,
      minNodeSpacing: big ? 24 : 40, startAngle: -Math.PI / 2 + 0.35, spacingFactor: big ? 0.9 : 0.95,
      concentric: (n) => 10 - Math.min(level[n.id()] === undefined ? 9 : level[n.id()], 9),
      levelWidth: () => 1,
    };
  }

  /** Fill the box without blowing labels up: spread a small layout out rather than zoom in. */
  function fitGraph(cy) {
    const padding = 30;
    const width = cy.width() - 2 * padding, height = cy.height() - 2 * padding;
    for (let i = 0; i < 4 && cy.nodes().length > 1; i++) {
      const box = cy.elements().boundingBox({ includeLabels: true });
      const fx = Math.min(3, width / Math.max(box.w, 1)), fy = Math.min(3, height / Math.max(box.h, 1));
      if (fx <= 1.05 && fy <= 1.05) break;
      const nodes = cy.nodes().boundingBox({ includeLabels: false });
      const cx = (nodes.x1 + nodes.x2) / 2, cy0 = (nodes.y1 + nodes.y2) / 2;
      const sx = Math.max(1, fx), sy = Math.max(1, fy);
      cy.nodes().positions((n) => ({ x: cx + (n.position('x') - cx) * sx, y: cy0 + (n.position('y') - cy0) * sy }));
    }
    cy.fit(undefined, padding);
    if (cy.zoom() > 1.1) {
      cy.zoom(1.1);
      cy.center();
    }
  }

  // ---------------------------------------------------------------------------------------
  // Query page

  async function showQuery(name, id) {
    const m = setView('쿼리', 'query');
    m.appendChild(h('h1', { class: 'visually-hidden' }, 'SPARQL 쿼리'));
    const layout = h('div', { class: 'query-layout' });
    const side = h('section', { class: 'card named-card', 'aria-labelledby': 'h-named' },
      h('h2', { id: 'h-named' }, '이름 붙은 쿼리'));
    const work = h('div');
    layout.appendChild(side);
    layout.appendChild(work);
    m.appendChild(layout);

    const editorCard = h('section', { class: 'card', 'aria-labelledby': 'h-editor' });
    work.appendChild(editorCard);
    const resultCard = h('section', { class: 'card', 'aria-labelledby': 'h-results', id: 'results' },
      h('h2', { id: 'h-results' }, '결과'));
    work.appendChild(resultCard);
    const resultBox = h('div', { id: 'result-box' });
    resultCard.appendChild(resultBox);

    if (!source.canRun) {
      editorCard.appendChild(h('p', { class: 'notice', role: 'note' },
        '이 파일은 이름 붙은 쿼리의 미리 계산된 결과만 보여 줍니다. 쿼리를 편집하고 실행하려면 ',
        h('code', null, 'kgraph serve'), '로 그래프를 여세요.'));
    }
    editorCard.appendChild(h('h2', { id: 'h-editor' }, h('label', { for: 'query-editor' }, 'SPARQL 편집기')));
    const description = h('p', { class: 'qdescription', id: 'query-description' });
    editorCard.appendChild(description);
    if (queryState.text === null) queryState.text = DEFAULT_QUERY;
    const editor = h('textarea', {
      id: 'query-editor', class: 'editor', spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off',
      'aria-describedby': 'query-hint', value: queryState.text, readOnly: !source.canRun,
    });
    editor.addEventListener('input', () => { queryState.text = editor.value; });
    editor.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey) && !ev.isComposing) { ev.preventDefault(); runEditor(); }
    });
    editorCard.appendChild(editor);
    const runButton = h('button', { type: 'button', class: 'primary', id: 'run-query', onclick: () => runEditor(),
      disabled: !source.canRun }, '실행');
    editorCard.appendChild(h('div', { class: 'toolbar' }, source.canRun ? runButton : null,
      h('span', { class: 'hint', id: 'query-hint' }, source.canRun
        ? 'Ctrl+Enter로 실행 · 접두어 kg: kgr: rdfs: skos: xsd: schema: prov: owl: rdf: 는 미리 선언되어 있습니다'
        : '읽기 전용')));
    const paramsBox = h('div', { id: 'query-params' });
    editorCard.appendChild(paramsBox);

    let busy = false;
    async function run(what, call) {
      if (busy) return;
      busy = true;
      editorCard.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      clear(resultBox);
      resultBox.appendChild(h('p', { class: 'loading', role: 'status' }, what + ' 실행 중…'));
      let result = null, error = null;
      try {
        result = await call();
      } catch (err) {
        error = err;
      }
      busy = false;
      if (id !== viewId) { queryState.result = result; queryState.error = error; return; }
      editorCard.querySelectorAll('button').forEach((b) => { b.disabled = false; });
      queryState.result = result;
      queryState.error = error;
      showResult();
    }

    function showResult() {
      clear(resultBox);
      if (queryState.error) showError(resultBox, queryState.error, '쿼리 오류');
      else if (queryState.result) renderResult(resultBox, queryState.result);
      else resultBox.appendChild(h('p', { class: 'empty' }, source.canRun
        ? '쿼리를 실행하면 결과가 여기에 나옵니다.' : '왼쪽에서 쿼리를 고르면 미리 계산된 결과가 나옵니다.'));
    }

    function runEditor() {
      if (!source.canRun) return;
      const text = editor.value;
      if (!text.trim()) { queryState.result = null; queryState.error = new LoadError(0, '쿼리가 비어 있습니다.'); showResult(); return; }
      run('쿼리', () => source.sparql(text));
    }

    function select(q, fromClick) {
      queryState.selected = q.name;
      side.querySelectorAll('button[data-query]').forEach((b) =>
        b.setAttribute('aria-pressed', b.getAttribute('data-query') === q.name ? 'true' : 'false'));
      editor.value = q.text;
      queryState.text = q.text;
      description.textContent = q.name + ' — ' + (q.description || '');
      clear(paramsBox);
      const box = h('div', { class: 'params' },
        h('h3', null, q.params && q.params.length ? '매개변수' : '이름 붙은 쿼리로 실행'));
      const inputs = {};
      for (const p of q.params || []) {
        const inputId = 'param-' + p.name;
        const value = Object.prototype.hasOwnProperty.call(queryState.params, q.name + '.' + p.name)
          ? queryState.params[q.name + '.' + p.name] : '';
        const input = h('input', {
          id: inputId, type: 'text', value, placeholder: p.default ? String(p.default) : '',
          'aria-describedby': inputId + '-help', readOnly: !source.canRun,
          oninput: (ev) => { queryState.params[q.name + '.' + p.name] = ev.target.value; },
        });
        inputs[p.name] = input;
        box.appendChild(h('div', { class: 'param' },
          h('label', { for: inputId }, '?' + p.name), input,
          h('span', { class: 'help', id: inputId + '-help' },
            (p.description || '') + (p.default ? ' (기본값: ' + p.default + ')' : ''))));
      }
      if (source.canRun) {
        box.appendChild(h('div', { class: 'toolbar' },
          h('button', { type: 'button', id: 'run-named', onclick: () => {
            const params = {};
            Object.keys(inputs).forEach((k) => { params[k] = inputs[k].value.trim(); });
            run(q.name, () => source.named(q.name, params));
          } }, '“' + q.name + '” 실행'),
          h('span', { class: 'hint' }, q.params && q.params.length
            ? '빈 칸은 기본값으로 실행합니다' : '편집기의 내용과 상관없이 저장된 쿼리를 실행합니다')));
      }
      paramsBox.appendChild(box);
      if (fromClick) {
        const hash = '#/query/' + encodeURIComponent(q.name);
        if (location.hash !== hash) history.replaceState(null, '', hash);
      }
      if (!source.canRun) run(q.name, () => source.named(q.name, {}));
    }

    showResult();
    let queries;
    try {
      queries = await loadQueries();
    } catch (err) {
      if (id !== viewId) return;
      showError(side, err, '쿼리 목록을 불러오지 못했습니다');
      return;
    }
    if (id !== viewId) return;
    const ul = h('ul', { class: 'named-list' });
    for (const q of queries) {
      ul.appendChild(h('li', null, h('button', {
        type: 'button', 'data-query': q.name, 'aria-pressed': 'false', onclick: () => select(q, true),
      }, h('span', { class: 'qname' }, q.name), h('span', { class: 'qdesc' }, q.description || ''))));
    }
    side.appendChild(queries.length ? ul : h('p', { class: 'empty' }, '쿼리가 없습니다.'));
    const wanted = name || (source.canRun ? null : (queries[0] && queries[0].name));
    const chosen = queries.find((q) => q.name === wanted);
    if (chosen) select(chosen, false);
    else if (name) showError(resultBox, new LoadError(404, 'no named query ' + name), '쿼리를 찾을 수 없습니다');
  }

  function renderResult(box, result) {
    const meta = h('div', { class: 'result-meta', role: 'status' });
    box.appendChild(meta);
    if (result.truncated) {
      box.insertBefore(h('p', { class: 'warning', role: 'alert', id: 'truncated' },
        '결과가 잘렸습니다: 서버의 행 제한(' + (result.rowLimit || '?') + '행)까지만 보여 줍니다. LIMIT을 쓰거나 조건을 좁혀 보세요.'), meta);
    }
    const timing = result.ms ? ' · ' + Math.round(result.ms) + ' ms' : '';
    if (result.precomputed) meta.appendChild(h('span', null, '미리 계산된 결과'));
    if (result.text !== undefined) {
      meta.appendChild(h('span', null, (result.contentType || 'text').split(';')[0] + timing));
      box.appendChild(h('pre', { class: 'turtle', tabindex: '0' }, result.text || '(빈 결과)'));
      return;
    }
    const data = result.data || {};
    if (typeof data.boolean === 'boolean') {
      meta.appendChild(h('span', null, 'ASK' + timing));
      box.appendChild(h('p', { class: 'boolean', id: 'ask-result' }, String(data.boolean)));
      return;
    }
    const vars = (data.head && data.head.vars) || [];
    const rows = (data.results && data.results.bindings) || [];
    meta.appendChild(h('span', { id: 'row-count' }, formatNumber(rows.length) + '행' + timing));
    if (!rows.length) {
      box.appendChild(h('p', { class: 'empty' }, '결과가 없습니다.'));
      return;
    }
    const table = h('table', { class: 'results' });
    table.appendChild(h('thead', null, h('tr', null, h('th', { scope: 'col' }, '#'),
      vars.map((v) => h('th', { scope: 'col' }, '?' + v)))));
    const body = h('tbody');
    const frag = document.createDocumentFragment();
    rows.forEach((row, i) => {
      frag.appendChild(h('tr', null, h('td', { class: 'rownum' }, String(i + 1)),
        vars.map((v) => h('td', { class: row[v] && row[v].type === 'uri' ? 'c-iri' : null }, termCell(row[v])))));
    });
    body.appendChild(frag);
    table.appendChild(body);
    box.appendChild(h('div', { class: 'result-scroll' }, table));
  }

  function termCell(term) {
    if (!term) return null;
    if (term.type === 'uri') {
      if (term.value.startsWith(resourceBase)) {
        return entityLink(term.value, prefixed(term.value), { class: 'iri', title: term.value });
      }
      return h('span', { class: 'iri', title: term.value }, prefixed(term.value));
    }
    if (term.type === 'bnode') return h('span', { class: 'iri' }, '_:' + term.value);
    if (term.type === 'literal' || term.type === 'typed-literal') {
      const tag = term['xml:lang'] ? '@' + term['xml:lang']
        : term.datatype ? '^^' + prefixed(term.datatype) : null;
      return [h('span', null, term.value), tag ? h('span', { class: 'tag' }, tag) : null];
    }
    return h('span', { class: 'iri' }, JSON.stringify(term.value));
  }

  // ---------------------------------------------------------------------------------------
  // Start

  function start() {
    embeddedData = readEmbedded();
    source = embeddedData && !embeddedData.error ? embeddedSource(embeddedData) : serverSource();
    window.kgraphExplorer = { mode: source.mode, fold, queryForm };
    suggest.init();
    const mode = $('#foot-mode');
    if (source.mode === 'embedded') {
      mode.textContent = '오프라인 파일 — 검색과 항목 화면은 이 파일 안의 데이터로 동작합니다';
    } else {
      mode.textContent = '';
    }
    if (embeddedData && embeddedData.error) {
      const banner = $('#banner');
      banner.hidden = false;
      banner.textContent = '내장된 데이터(kgraph-data)를 읽지 못해 서버에서 불러옵니다: ' + embeddedData.error;
    }
    window.addEventListener('hashchange', route);
    route();
  }

  window.kgraphGraph = null;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
