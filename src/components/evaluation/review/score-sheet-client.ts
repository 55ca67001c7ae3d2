/**
 * Progressive enhancement of the scoring sheet: the descriptor level next to each score and the
 * running total follow what is typed. The server computes the same on every save; this only
 * saves a round trip. Levels start at a share num/den of the maximum, compared by
 * cross-multiplying as on the server (descriptor-scale.ts levelIndex).
 */
type Level = { from: [number, number]; label: string };

export function initScoreSheet(): void {
  const form = document.getElementById('score-sheet');
  if (!(form instanceof HTMLFormElement)) return;
  const levels = JSON.parse(form.dataset.levels ?? '[]') as Level[];
  const inputs = [...form.querySelectorAll<HTMLInputElement>('input.vv-score')];
  const total = document.getElementById('score-total');
  const update = () => {
    let points = 0;
    let scored = 0;
    let max = 0;
    for (const input of inputs) {
      const top = Number(input.dataset.max);
      max += top;
      const value = /^\d+$/.test(input.value.trim()) ? Number(input.value) : null;
      const valid = value !== null && value <= top;
      if (valid) {
        points += value;
        scored += 1;
      }
      const target = document.getElementById(input.dataset.level ?? '');
      if (target) target.textContent = valid ? labelOf(levels, value, top) : (form.dataset.empty ?? '');
    }
    if (total) total.textContent = fill(form.dataset.total ?? '', { points, max, scored, criteria: inputs.length });
  };
  form.addEventListener('input', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.classList.contains('vv-score')) update();
  });
}

function labelOf(levels: Level[], points: number, max: number): string {
  let label = levels[0]?.label ?? '';
  for (const level of levels) if (points * level.from[1] >= level.from[0] * max) label = level.label;
  return label;
}

function fill(template: string, values: Record<string, number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}
