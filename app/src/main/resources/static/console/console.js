// htmx requests carry the CSRF token of the page (Spring Security checks it on every POST).
document.addEventListener('htmx:configRequest', (event) => {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Dashboard charts; the data comes from the page (data-chart), drawn with Chart.js.
window.addEventListener('load', () => {
  if (typeof Chart === 'undefined') {
    return;
  }
  const intake = document.getElementById('intake-chart');
  if (intake) {
    const data = JSON.parse(intake.dataset.chart);
    new Chart(intake, { type: 'bar', options: { animation: false }, data: { labels: data.days,
      datasets: [{ label: 'opened', data: data.intake, backgroundColor: '#3b82f6' }] } });
  }
  const compliance = document.getElementById('compliance-chart');
  if (compliance) {
    const data = JSON.parse(compliance.dataset.chart);
    new Chart(compliance, { type: 'bar', data: { labels: data.priorities, datasets: [
      { label: 'first response %', data: data.firstResponse, backgroundColor: '#10b981' },
      { label: 'resolution %', data: data.resolution, backgroundColor: '#6366f1' }] },
      options: { animation: false, scales: { y: { min: 0, max: 100 } } } });
  }
  const satisfaction = document.getElementById('satisfaction-chart');
  if (satisfaction) {
    const data = JSON.parse(satisfaction.dataset.chart);
    new Chart(satisfaction, { type: 'line', data: { labels: data.days, datasets: [
      { label: 'mean quality (1-5)', data: data.meanQuality, borderColor: '#f59e0b', yAxisID: 'score', spanGaps: true },
      { label: 'mean speed (1-5)', data: data.meanSpeed, borderColor: '#0ea5e9', yAxisID: 'score', spanGaps: true },
      { label: 'rated % of answers', data: data.responseRate, borderColor: '#9ca3af', yAxisID: 'percent', spanGaps: true }] },
      options: { animation: false, scales: { score: { position: 'left', min: 1, max: 5 },
        percent: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false } } } } });
  }
});
