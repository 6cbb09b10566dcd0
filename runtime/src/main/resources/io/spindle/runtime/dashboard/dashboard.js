// The Spindle dashboard: polls the JobManager's REST API (relative URLs only, so that it works
// through the ResourceManager's web proxy) and renders the cluster, its failover history, jobs,
// TaskExecutors and HA data. Reads only.
'use strict';

const POLL_MS = 2000;
const HA_DATA_POLL_MS = 15000;
// Relative to this page; a page reached without its trailing slash (…/proxy/<app>) gets one added.
const BASE = location.pathname.endsWith('/') ? '' : location.pathname.split('/').pop() + '/';

function get(path) {
  return fetch(BASE + path, { headers: { Accept: 'application/json' }, cache: 'no-store' })
    .then(r => r.ok ? r.json() : r.json().catch(() => ({})).then(body => {
      throw new Error(r.status + (body.error ? ': ' + body.error : ''));
    }));
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child === null || child === undefined ? '' : String(child)));
  }
  return node;
}

function text(id, value, cls) {
  const node = document.getElementById(id);
  node.textContent = value === null || value === undefined || value === '' ? '–' : String(value);
  if (cls !== undefined) node.className = cls;
}

function duration(ms) {
  if (ms === null || ms === undefined || ms < 0 || Number.isNaN(ms)) return '–';
  if (ms < 1000) return Math.round(ms) + ' ms';
  const s = ms / 1000;
  if (s < 120) return s.toFixed(1) + ' s';
  const m = Math.floor(s / 60);
  if (m < 120) return m + ' min ' + Math.round(s % 60) + ' s';
  return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
}

function since(iso) {
  return iso ? duration(Date.now() - Date.parse(iso)) : '–';
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

function bytes(n) {
  if (n === null || n === undefined || n < 0) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

function replaceRows(tbody, rows) {
  tbody.replaceChildren(...rows);
}

function renderOverview(o) {
  text('cluster-id-title', o.clusterId);
  text('role', o.leader ? 'leader' : 'standby', o.leader ? 'ok' : 'muted');
  text('leader', o.leader ? 'this JobManager (session ' + o.leaderSessionId + ')' : (o.leaderRestUrl || 'no leader known'));
  text('attempt', o.attempt);
  text('cluster-id', o.clusterId);
  text('uptime', since(o.processStartedAt));
  text('leading-for', o.leaderSince ? since(o.leaderSince) : '–');
  text('slots', o.slotsTotal + ' on ' + o.taskExecutors + ' TaskExecutor(s), ' + o.slotsFree + ' free');
}

function renderHa(h) {
  const connected = h.zooKeeperConnection === 'CONNECTED' || h.zooKeeperConnection === 'RECONNECTED';
  text('zookeeper', h.zooKeeperConnection, connected ? 'ok' : 'bad');
  text('storage-dir', h.storageDir);
}

function renderSessions(sessions) {
  const rows = sessions.map((s, i) => el('tr', { class: 'failover', 'data-attempt': s.attempt },
    el('td', {}, i + 1),
    el('td', { class: 'attempt' }, s.attempt),
    el('td', {}, time(s.startedAt)),
    el('td', {}, duration(s.timeToLeadSeconds * 1000)),
    el('td', {}, s.recovered.length === 0 ? 'no jobs' : s.recovered.join('; ')),
    el('td', {}, s.previousEnded || (i === 0 ? 'first leader' : '–'))));
  replaceRows(document.querySelector('#failovers tbody'), rows.reverse());
}

function chart(checkpoints) {
  const done = checkpoints.filter(c => c.status === 'COMPLETED').slice(0, 30).reverse();
  const w = 300, h = 60, ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('width', w);
  svg.setAttribute('height', h);
  svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
  const max = Math.max(1, ...done.map(c => c.durationMs));
  const step = Math.min(24, w / Math.max(done.length, 1));
  done.forEach((c, i) => {
    const bar = document.createElementNS(ns, 'rect');
    const barHeight = Math.max(1, (c.durationMs / max) * (h - 4));
    bar.setAttribute('x', (i * step + 1).toFixed(1));
    bar.setAttribute('y', (h - barHeight).toFixed(1));
    bar.setAttribute('width', Math.max(1, step - 2).toFixed(1));
    bar.setAttribute('height', barHeight.toFixed(1));
    const title = document.createElementNS(ns, 'title');
    title.textContent = 'checkpoint ' + c.id + ': ' + duration(c.durationMs) + ', ' + bytes(c.sizeBytes);
    bar.append(title);
    svg.append(bar);
  });
  return svg;
}

function renderJob(detail) {
  const s = detail.status;
  const rows = detail.checkpoints.slice(0, 8).map(c => el('tr', { class: 'checkpoint', 'data-status': c.status },
    el('td', {}, c.id), el('td', {}, c.status), el('td', {}, time(c.triggeredAt)),
    el('td', {}, duration(c.durationMs)), el('td', {}, bytes(c.sizeBytes)), el('td', {}, c.failure || '')));
  return el('div', { class: 'job', 'data-job': s.jobId, 'data-state': s.state },
    el('h3', {}, s.name + ' ', el('span', { class: 'state' }, s.state)),
    el('p', { class: 'muted' }, s.jobId + ' · parallelism ' + s.parallelism + ' · restarts ' + s.restarts
      + ' · submitted ' + time(s.submittedAt) + (s.failure ? ' · last failure: ' + s.failure : '')),
    chart(detail.checkpoints),
    el('table', { class: 'checkpoints' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Checkpoint'), el('th', {}, 'Status'), el('th', {}, 'Triggered'),
        el('th', {}, 'Duration'), el('th', {}, 'Size'), el('th', {}, 'Failure'))),
      el('tbody', {}, ...rows)));
}

function renderJobs(details) {
  const box = document.getElementById('jobs');
  box.replaceChildren(...(details.length === 0 ? [el('p', { class: 'muted' }, 'none')] : details.map(renderJob)));
}

function renderTaskExecutors(list) {
  replaceRows(document.querySelector('#taskexecutors tbody'), list.map(te => el('tr', { class: 'taskexecutor' },
    el('td', {}, te.resourceId || te.id), el('td', {}, te.host),
    el('td', {}, te.slots + ' (' + te.freeSlots + ')'), el('td', {}, since(te.lastHeartbeatAt) + ' ago'),
    el('td', {}, te.logUrl ? el('a', { href: te.logUrl, target: '_blank', rel: 'noopener' }, 'logs') : '–'))));
}

function renderHaData(d) {
  text('ha-verdict', d.healthy ? 'healthy: ' + d.pointers + ' pointer(s) checked, no problems'
    : d.findings.length + ' problem(s) in ' + d.pointers + ' pointer(s)', d.healthy ? 'ok' : 'bad');
  document.getElementById('ha-tree').textContent = d.tree.join('\n');
  document.getElementById('ha-findings').replaceChildren(...d.findings.map(f => el('li', { class: 'bad' }, f)));
}

async function pollJobs(leader) {
  if (!leader) {
    renderJobs([]);
    renderTaskExecutors([]);
    return;
  }
  const jobs = await get('v1/jobs');
  const details = await Promise.all(jobs.slice().reverse().map(j => get('v1/jobs/' + encodeURIComponent(j.jobId))));
  renderJobs(details);
  renderTaskExecutors(await get('v1/taskexecutors'));
}

let lastHaData = 0;

async function poll() {
  try {
    const overview = await get('v1/overview');
    renderOverview(overview);
    renderHa(await get('v1/cluster/ha'));
    renderSessions(await get('v1/cluster/leader-sessions'));
    await pollJobs(overview.leader);
    if (Date.now() - lastHaData > HA_DATA_POLL_MS) {
      lastHaData = Date.now();
      get('v1/cluster/ha-data').then(renderHaData,
        e => text('ha-verdict', 'could not check: ' + e.message, 'bad'));
    }
    text('refreshed', 'updated ' + new Date().toLocaleTimeString(), 'muted');
  } catch (e) {
    text('refreshed', 'not answering: ' + e.message, 'bad');
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

poll();
