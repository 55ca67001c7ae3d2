import { actions } from 'astro:actions';

/**
 * Progressive enhancement of the proposal form (it works fully without this):
 * - autosave: two seconds after the last keystroke the fields (never files) go to the autosave
 *   action; the status line says "Saved at 12:04". A refusal (a stale version: the draft changed
 *   elsewhere; the deadline) stops autosaving and says why, so newer text elsewhere is never
 *   overwritten and nothing typed here is thrown away; a network failure is retried;
 * - uploads: when files are chosen, the form goes up with XMLHttpRequest to show progress, and the
 *   page the server answers with replaces this one (the same page a browser without JS would get);
 * - leaving the page with unsaved changes asks for confirmation.
 */
const DELAY_MS = 2000;
const RETRY_MS = 10000;

export function initProposalForm(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-proposal-form]');
  if (!form || form.dataset.ready) return;
  form.dataset.ready = 'yes';
  const status = form.querySelector<HTMLElement>('#autosave-status')!;
  const text = status.dataset as Record<string, string>;
  const say = (message: string) => (status.textContent = message);
  say(text.idle ?? '');

  let timer: number | undefined;
  let dirty = false;
  let saving: Promise<void> | null = null;
  let stopped = false;
  let leaving = false;

  const schedule = (ms = DELAY_MS) => {
    window.clearTimeout(timer);
    if (!stopped) timer = window.setTimeout(() => void save(), ms);
  };

  async function save(): Promise<void> {
    if (saving) return void schedule();
    if (!dirty || stopped) return;
    dirty = false;
    say(text.saving ?? '');
    saving = (async () => {
      try {
        const { data, error } = await actions.proposals.autosave(fieldsOnly(form!));
        if (error || !data) throw error ?? new Error('no answer');
        if (data.version !== null) setVersion(form!, data.version);
        // A refusal (changed elsewhere, sent, past the deadline) will not go away by retrying.
        stopped = !data.ok;
        // What was typed is still unsaved: leaving the page must warn.
        if (!data.ok) dirty = true;
        say(data.message);
        if (data.ok) markErrors(form!, data.errors);
      } catch {
        dirty = true;
        say(text.failed ?? '');
        schedule(RETRY_MS);
      } finally {
        saving = null;
      }
    })();
    await saving;
  }

  form.addEventListener('input', (event) => {
    if ((event.target as HTMLInputElement).type === 'file') return;
    dirty = true;
    schedule();
  });

  form.addEventListener('submit', (event) => {
    const submitter = event.submitter as HTMLButtonElement | null;
    window.clearTimeout(timer);
    if (saving) {
      // Wait for the autosave in flight, so this save carries the version it produced.
      event.preventDefault();
      void saving.then(() => form.requestSubmit(submitter));
      return;
    }
    leaving = true;
    if (hasFiles(form)) {
      event.preventDefault();
      uploadWithProgress(form, submitter, text, () => (leaving = false));
    }
  });

  window.addEventListener('beforeunload', (event) => {
    if (!leaving && (dirty || saving)) event.preventDefault();
  });
}

function fieldsOnly(form: HTMLFormElement): FormData {
  const data = new FormData(form);
  for (const [key, value] of [...data.entries()]) if (typeof value !== 'string') data.delete(key);
  return data;
}

function hasFiles(form: HTMLFormElement): boolean {
  return [...form.querySelectorAll<HTMLInputElement>('input[type=file]')].some((i) => (i.files?.length ?? 0) > 0);
}

function setVersion(form: HTMLFormElement, version: number) {
  const input = form.querySelector<HTMLInputElement>('input[name=version]');
  if (input) input.value = String(version);
}

/** Shows autosave's field errors next to their fields, and clears the ones fixed since. */
function markErrors(form: HTMLFormElement, errors: Record<string, string>) {
  for (const control of form.querySelectorAll<HTMLInputElement>('input[name], textarea[name], select[name]')) {
    if (control.type === 'file' || control.type === 'hidden' || !control.id) continue;
    const errorId = `f-${control.name}-error`;
    const message = errors[control.name];
    let node = document.getElementById(errorId);
    if (!message) {
      if (node) node.remove();
      control.removeAttribute('aria-invalid');
      continue;
    }
    if (!node) {
      node = document.createElement('p');
      node.id = errorId;
      node.className = 'field-error mb-0';
      (control.closest('fieldset.vv-choice, .form-group') ?? control.parentElement!).append(node);
      const describedBy = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      control.setAttribute('aria-describedby', [...describedBy, errorId].join(' '));
    }
    node.textContent = message;
    control.setAttribute('aria-invalid', 'true');
  }
}

function uploadWithProgress(form: HTMLFormElement, submitter: HTMLButtonElement | null, text: Record<string, string>, failed: () => void) {
  const box = form.querySelector<HTMLElement>('#upload-progress')!;
  const bar = box.querySelector('progress')!;
  const label = box.querySelector('label')!;
  const show = (percent: number) => {
    bar.value = percent;
    label.textContent = (text.uploading ?? '{percent}').replace('{percent}', String(percent));
  };
  const xhr = new XMLHttpRequest();
  xhr.open('POST', form.action);
  xhr.upload.addEventListener('progress', (e) => e.lengthComputable && show(Math.round((e.loaded / e.total) * 100)));
  xhr.addEventListener('load', () => replacePage(xhr.responseText, xhr.responseURL));
  xhr.addEventListener('error', () => {
    box.hidden = true;
    failed();
    form.querySelector<HTMLElement>('#autosave-status')!.textContent = text.failed ?? '';
  });
  box.hidden = false;
  show(0);
  xhr.send(new FormData(form, submitter));
}

/** Puts the server's answer (the page a plain form post would show) in place of this one. */
function replacePage(html: string, url: string) {
  const next = new DOMParser().parseFromString(html, 'text/html');
  const main = next.querySelector('main');
  const current = document.querySelector('main');
  if (!main || !current) return void window.location.assign(url);
  current.replaceWith(main);
  document.title = next.title;
  const clean = new URL(url);
  clean.searchParams.delete('_action');
  history.replaceState(null, '', clean);
  initProposalForm();
  const focus = document.getElementById('form-status') ?? main;
  focus.focus();
}
