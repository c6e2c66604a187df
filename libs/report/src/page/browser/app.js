// The report page's script (inlined into report.html by page-html.ts): the results table (sort,
// filter, mean ± std rows and per-seed rows), the figures drawn by vega from their vega-lite specs,
// a trial's config, history, confusion matrix and environment on click, and, under `ablate serve`,
// live updates from the server's event stream. Plain DOM code, no framework.
/* global vega, vegaLite, document, window, EventSource */
'use strict';
(function () {
  const state = { data: null, sort: { col: -1, dir: 1 }, filters: {}, seeds: false, expanded: new Set(), open: null, drawn: '' };
  // The vega views drawn, by part of the page, finalized when that part is drawn again.
  const views = { running: [], panel: [], figures: [] };
  function clear(part) {
    for (const v of views[part].splice(0)) v.finalize();
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) node.append(c instanceof window.Node ? c : String(c));
    return node;
  }

  // Replaces a node's children with the given ones (arrays flattened, empty ones left out).
  function fill(node, ...children) {
    node.replaceChildren(...children.flat(2).filter((c) => c !== undefined && c !== null && c !== false && c !== ''));
  }

  const number = (v) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString()) : String(v));

  // Vega's tooltips as a box that follows the pointer.
  const tip = el('div', { class: 'tip', role: 'tooltip' });
  function tooltip(_handler, event, _item, value) {
    if (value === undefined || value === null || value === '') {
      tip.style.display = 'none';
      return;
    }
    const entries = typeof value === 'object' ? Object.entries(value) : [['', value]];
    fill(tip, ...entries.map(([k, v]) => el('div', {}, k ? el('b', {}, `${k}: `) : '', number(v))));
    tip.style.display = 'block';
    tip.style.left = `${event.clientX + 14}px`;
    tip.style.top = `${event.clientY + 14}px`;
  }

  function draw(part, container, vlSpec) {
    const view = new vega.View(vega.parse(vegaLite.compile(vlSpec).spec), { renderer: 'svg', container, hover: true });
    view.tooltip(tooltip);
    views[part].push(view);
    view.runAsync();
  }

  // The figures of the report with tooltips on every mark.
  function interactive(spec) {
    const copy = JSON.parse(JSON.stringify(spec));
    copy.config = { ...(copy.config || {}), mark: { tooltip: true, ...((copy.config && copy.config.mark) || {}) } };
    // The paper's figures fit a column width exactly; on the page, room is added around the plot
    // instead, so that no title or label is cut where the browser's text is wider than the fonts measured.
    if (copy.autosize) copy.autosize = { type: 'pad' };
    return copy;
  }

  // A trial's history: losses and the other metrics per epoch; drag to pan, wheel to zoom, click the legend to pick a series.
  function historySpec(rows, width) {
    const skip = new Set(['epoch', 'lr', 'seconds']);
    const values = [];
    for (const r of rows) for (const [k, v] of Object.entries(r)) if (!skip.has(k) && typeof v === 'number') values.push({ epoch: r.epoch, series: k, value: v, kind: k.endsWith('loss') ? 'loss' : 'metric' });
    const panel = (kind, i) => ({
      width,
      height: 150,
      transform: [{ filter: `datum.kind === '${kind}'` }],
      mark: { type: 'line', point: true, tooltip: true },
      params: [
        { name: `zoom${i}`, select: 'interval', bind: 'scales' },
        { name: `pick${i}`, select: { type: 'point', fields: ['series'] }, bind: 'legend' },
      ],
      encoding: {
        x: { field: 'epoch', type: 'quantitative', axis: rows.length <= 15 ? { values: rows.map((r) => r.epoch), format: 'd' } : { tickMinStep: 1, format: 'd' } },
        y: { field: 'value', type: 'quantitative', title: kind, scale: { zero: false } },
        color: { field: 'series', type: 'nominal', legend: { orient: 'bottom', columns: 2 } },
        opacity: { condition: { param: `pick${i}`, value: 1 }, value: 0.15 },
      },
    });
    const kinds = ['loss', 'metric'].filter((k) => values.some((v) => v.kind === k));
    return { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', data: { values }, hconcat: kinds.map(panel), resolve: { scale: { color: 'independent' } } };
  }

  const trialById = (id) => state.data.trials.find((t) => t.id === id);
  const visible = (item) => Object.entries(state.filters).every(([k, v]) => v === '' || item.keys[k] === v);

  function sortValue(item) {
    if (state.sort.col < 0) return undefined;
    const cell = item.cells[state.sort.col];
    return cell.mean !== undefined ? cell.mean : cell.value;
  }

  function sorted(items) {
    if (state.sort.col < 0) return items;
    return [...items].sort((a, b) => {
      const [x, y] = [sortValue(a), sortValue(b)];
      if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : 1) : -1;
      return (x - y) * state.sort.dir;
    });
  }

  function header() {
    const d = state.data;
    const c = d.counts;
    const parts = [`${c.done} of ${c.total} trials done`, c.failed ? `${c.failed} failed` : '', c.pruned ? `${c.pruned} pruned` : '', c.running ? `${c.running} running` : ''].filter(Boolean);
    return el('header', {}, el('h1', {}, d.title), el('p', { class: 'sub' }, el('code', {}, `results/${d.name}/`), ` · ${parts.join(' · ')}`, el('span', { id: 'live' })));
  }

  function filters() {
    const d = state.data;
    const boxes = d.keys
      .filter((k) => k.values.length > 1)
      .map((k) =>
        el(
          'label',
          {},
          `${k.label} `,
          el(
            'select',
            { 'data-key': k.key, onchange: (e) => ((state.filters[k.key] = e.target.value), renderTable()) },
            el('option', { value: '' }, 'all'),
            k.values.map((v) => el('option', { value: v, selected: state.filters[k.key] === v }, v)),
          ),
        ),
      );
    const seeds = el('label', {}, el('input', { type: 'checkbox', id: 'seeds', checked: state.seeds, onchange: (e) => ((state.seeds = e.target.checked), renderTable()) }), ' per-seed rows');
    return el('div', { class: 'filters' }, boxes, seeds);
  }

  function trialRow(t) {
    const status = t.status === 'failed' || t.status === 'pruned' ? el('span', { class: t.status, title: t.reason || '' }, ` ${t.status}`) : '';
    return el('tr', { class: 'seed', 'data-trial': t.id, onclick: () => openTrial(t.id) }, el('td', {}, `seed ${t.seed}`, status), t.cells.map((c) => el('td', {}, c.text)));
  }

  function renderTable() {
    const d = state.data;
    const box = document.getElementById('results');
    if (d.groups.length === 0) {
      fill(box, el('h2', {}, 'Results'), el('p', { class: 'empty' }, 'No trial has finished yet: run the experiment with npx ablate exec; under npx ablate serve this page fills in as trials finish.'));
      return;
    }
    const arrow = (i) => (i >= 0 && state.sort.col === i ? (state.sort.dir > 0 ? ' ▲' : ' ▼') : '');
    const head = el(
      'tr',
      {},
      el('th', { 'data-col': -1, onclick: () => ((state.sort = { col: -1, dir: 1 }), renderTable()), title: 'the experiment’s order' }, d.rowHeader + arrow(-1)),
      d.columns.map((c, i) =>
        el(
          'th',
          {
            'data-col': i,
            title: `sort by ${c.label}`,
            onclick: () => {
              const first = c.better === 'min' ? 1 : -1;
              state.sort = state.sort.col === i ? { col: i, dir: -state.sort.dir } : { col: i, dir: first };
              renderTable();
            },
          },
          c.label + arrow(i),
        ),
      ),
    );
    const body = [];
    for (const g of sorted(d.groups.filter(visible))) {
      const open = state.seeds || state.expanded.has(g.label);
      body.push(
        el(
          'tr',
          {
            class: `group${g.baseline ? ' baseline' : ''}`,
            'data-group': g.label,
            title: open ? 'hide the seeds' : 'show the seeds',
            onclick: () => {
              if (state.expanded.has(g.label)) state.expanded.delete(g.label);
              else state.expanded.add(g.label);
              renderTable();
            },
          },
          el('td', {}, el('span', { class: 'twisty' }, open ? '▾ ' : '▸ '), g.label, g.baseline ? el('span', { class: 'tag' }, ' baseline') : ''),
          g.cells.map((c) => el('td', { class: c.best ? 'best' : '' }, c.text, c.significant ? ' †' : '', c.untestable ? ' ‡' : '')),
        ),
      );
      if (open) body.push(...sorted(g.trials.map(trialById).filter((t) => t && visible(t))).map(trialRow));
    }
    fill(box,
      el('h2', {}, 'Results'),
      el('p', { class: 'caption' }, d.caption),
      filters(),
      el('table', { id: 'table' }, el('thead', {}, head), el('tbody', {}, body)),
      d.notes.map((n) => el('p', { class: 'note' }, n)),
      el('p', { class: 'hint' }, 'Click a column to sort, a row to show its seeds, a seed to open its trial.'),
    );
  }

  function renderRunning() {
    clear('running');
    const box = document.getElementById('running');
    const running = state.data.trials.filter((t) => t.status === 'running');
    box.hidden = running.length === 0;
    const cards = running.map((t) => {
      const chart = el('div', { class: 'chart' });
      const card = el('div', { class: 'card running', 'data-trial': t.id, 'data-epochs': t.history.length, onclick: () => openTrial(t.id) }, el('h3', {}, t.label), el('p', { class: 'sub' }, t.history.length ? `epoch ${t.history.length} done` : 'first epoch running'), chart);
      if (t.history.length) draw('running', chart, historySpec(t.history, 220));
      return card;
    });
    fill(box, el('h2', {}, 'Running now'), el('div', { class: 'grid' }, cards));
  }

  function renderFigures() {
    const d = state.data;
    const key = JSON.stringify([d.figures, d.svgs.map((s) => s.name)]);
    if (key === state.drawn) return;
    state.drawn = key;
    clear('figures');
    const box = document.getElementById('figures');
    const cards = d.figures.map((f) => {
      const chart = el('div', { class: 'chart' });
      draw('figures', chart, interactive(f.spec));
      return el('div', { class: 'card figure', 'data-figure': f.name }, el('h3', {}, f.name.replace(/_/g, ' ')), chart);
    });
    const svgs = d.svgs.map((f) => {
      const card = el('div', { class: 'card figure', 'data-figure': f.name }, el('h3', {}, f.name.replace(/_/g, ' ')));
      card.insertAdjacentHTML('beforeend', f.svg);
      return card;
    });
    box.hidden = cards.length + svgs.length === 0;
    fill(box, el('h2', {}, 'Figures'), el('p', { class: 'hint' }, 'Hover a mark for its values.'), el('div', { class: 'grid' }, cards, svgs));
  }

  function confusionTable(c) {
    const max = Math.max(1, ...c.counts.flat());
    return el(
      'table',
      { class: 'confusion' },
      el('tr', {}, el('th', {}, 'true \\ predicted'), c.classes.map((k) => el('th', { class: 'predicted' }, k))),
      c.counts.map((row, i) =>
        el(
          'tr',
          {},
          el('th', {}, c.classes[i]),
          row.map((n, j) => el('td', { style: `background: rgba(0, 114, 178, ${(n / max).toFixed(3)}); color: ${n / max > 0.55 ? '#fff' : '#222'}`, title: `${c.classes[i]} → ${c.classes[j]}: ${n}` }, n)),
        ),
      ),
    );
  }

  function openTrial(id) {
    state.open = id;
    renderPanel();
  }

  function renderPanel() {
    clear('panel');
    const panel = document.getElementById('trial');
    const t = state.open && trialById(state.open);
    panel.hidden = !t;
    if (!t) return;
    const chart = el('div', { class: 'chart' });
    const close = el('button', { class: 'close', title: 'close', onclick: () => ((state.open = null), renderPanel()) }, '×');
    fill(panel,
      close,
      el('h2', {}, t.label),
      el('p', { class: 'sub' }, el('code', {}, t.id), ` · ${t.status}${t.reason ? `: ${t.reason}` : ''}`),
      el('table', { class: 'values' }, state.data.columns.map((c, i) => el('tr', {}, el('th', {}, c.label), el('td', {}, t.cells[i].text)))),
      el('h3', {}, 'History'),
      t.history.length ? chart : el('p', {}, 'No epoch recorded yet.'),
      t.confusion ? [el('h3', {}, 'Confusion matrix (test)'), confusionTable(t.confusion)] : '',
      t.config ? [el('h3', {}, 'Config'), el('pre', { class: 'config' }, t.config)] : '',
      t.env ? [el('h3', {}, 'Environment'), el('pre', { class: 'env' }, JSON.stringify(t.env, null, 2))] : '',
    );
    if (t.history.length) draw('panel', chart, historySpec(t.history, 230));
  }

  function render() {
    const shell = document.getElementById('app');
    if (!document.getElementById('results')) {
      fill(shell, el('div', { id: 'head' }), el('section', { id: 'running', hidden: true }), el('section', { id: 'results' }), el('section', { id: 'figures', hidden: true }), el('aside', { id: 'trial', class: 'panel', hidden: true }));
      document.body.append(tip);
    }
    fill(document.getElementById('head'), header());
    renderRunning();
    renderTable();
    renderFigures();
    renderPanel();
  }

  state.data = JSON.parse(document.getElementById('ablate-data').textContent);
  render();

  if (document.body.dataset.live === 'events') {
    const live = (text, cls) => {
      const span = document.getElementById('live');
      span.textContent = ` · ${text}`;
      span.className = cls;
    };
    const events = new EventSource('events');
    events.onmessage = (event) => {
      state.data = JSON.parse(event.data);
      render();
      live(`live, updated ${new Date().toLocaleTimeString()}`, 'on');
    };
    events.onerror = () => live('the server is not answering (ablate serve stopped?); retrying', 'off');
    live('live', 'on');
  }
})();
