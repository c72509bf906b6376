// Horizontal bar charts drawn as SVG by our own small code. The chart is one image to a screen
// reader (its label lists every bar); the same figures are also in a table beside it.
import { h } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * A figure with one bar per item (`{label, value}`), longest value spanning the width; `format`
 * writes a value (default: as is). Negative values are drawn as empty bars.
 */
export function barChart(title, items, format = String) {
  const labelWidth = 190, barWidth = 260, valueWidth = 90, rowHeight = 22;
  const width = labelWidth + barWidth + valueWidth;
  const height = Math.max(rowHeight, items.length * rowHeight);
  const largest = Math.max(1, ...items.map((item) => item.value));
  const summary = items.map((item) => `${item.label}: ${format(item.value)}`).join('; ');
  const chart = svg('svg', {
    class: 'bars', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': `${title}. ${summary || 'No data.'}`,
  });
  items.forEach((item, index) => {
    const y = index * rowHeight;
    const label = item.label.length > 28 ? `${item.label.slice(0, 27)}…` : item.label;
    chart.append(svg('text', { x: 0, y: y + 15 }, label));
    const length = Math.max(0, Math.round((item.value / largest) * barWidth));
    chart.append(svg('rect', { x: labelWidth, y: y + 4, width: length, height: rowHeight - 8, rx: 2 }));
    chart.append(svg('text', { x: labelWidth + barWidth + 6, y: y + 15 }, format(item.value)));
  });
  if (!items.length) chart.append(svg('text', { x: 0, y: 15 }, 'No data.'));
  return h('figure', {}, h('figcaption', {}, title), chart);
}
