/** The open data's columns: a contract with whoever reads the files (pure, also read by the OpenAPI document). */

/**
 * Open data of the grants (D.lgs. 33/2013 art. 27 c. 2: "formato tabellare aperto"), CC BY 4.0,
 * streamed a keyset page at a time: the file is never built in memory.
 *
 * CSV: the portal's format for Italian spreadsheets (admissibility/csv.ts: `;`, UTF-8 with BOM,
 * CRLF, euros with a decimal comma, formula cells neutralised). The header row is these column
 * names, in this order — a contract with whoever reads the file: append, never reorder.
 *
 * | column | meaning (art. 27 c. 1) |
 * |---|---|
 * | id_concessione | the grant's stable identifier |
 * | beneficiario | lett. a: organisation or consenting start-up; empty when not publishable |
 * | beneficiario_pubblicabile | `si`/`no`: `no` = a natural person's start-up without consent (art. 26 c. 4) |
 * | progetto | the funded start-up, when publishable |
 * | importo_ammesso, importo_impegnato, importo_erogato | lett. b: awarded, legally committed, paid (euros) |
 * | norma_titolo | lett. c: the public call and the programme line |
 * | ufficio, responsabile_procedimento | lett. d: office and RUP |
 * | modalita_individuazione | lett. e: how the beneficiary was chosen |
 * | link_progetto | lett. f: the start-up's public profile, or the call's published ranking |
 * | cup, codice_programma, avviso | CUP (L. 3/2003 art. 11), programme code, call slug |
 * | data_concessione, data_impegno | award day and grant-agreement day (YYYY-MM-DD) |
 */
export const grantCsvColumns = [
  'id_concessione',
  'beneficiario',
  'beneficiario_pubblicabile',
  'progetto',
  'importo_ammesso',
  'importo_impegnato',
  'importo_erogato',
  'norma_titolo',
  'ufficio',
  'responsabile_procedimento',
  'modalita_individuazione',
  'link_progetto',
  'cup',
  'codice_programma',
  'avviso',
  'data_concessione',
  'data_impegno',
] as const;

/**
 * Projects in OpenCoesione's "progetti" layout (research/domain-italy.md § 5.2-5.3), one row per
 * incubated start-up, CC BY 4.0, streamed. Column names are OpenCoesione's so the file can be
 * joined with theirs; only the columns the portal knows are present, in this order (append,
 * never reorder). Same CSV conventions as OpenCoesione's own files: `;` and decimal commas;
 * dates `YYYYMMDD`.
 *
 * Mapping of the four figures (§ 5.3, to be validated with the managing authority):
 * programmato → FINANZ_TOTALE_PUBBLICO; ammesso → OC_FINANZ_TOT_PUB_NETTO; giuridicamente
 * vincolante → IMPEGNI and OC_IMPEGNI_GIURID_VINCOLANTI; erogato → TOT_PAGAMENTI.
 * The CUP is the programme operation's (sub-grants carry no CUP of their own, § 5.3).
 */
export const projectCsvColumns = [
  'COD_LOCALE_PROGETTO',
  'CUP',
  'OC_TITOLO_PROGETTO',
  'OC_CODICE_PROGRAMMA',
  'OC_DESCRIZIONE_PROGRAMMA',
  'COD_PROCED_ATTIVAZIONE',
  'DESCR_PROCED_ATTIVAZIONE',
  'OC_DENOM_BENEFICIARIO',
  'FINANZ_TOTALE_PUBBLICO',
  'OC_FINANZ_TOT_PUB_NETTO',
  'IMPEGNI',
  'OC_IMPEGNI_GIURID_VINCOLANTI',
  'TOT_PAGAMENTI',
  'OC_STATO_PROGETTO',
  'OC_DATA_INIZIO_PROGETTO',
  'DATA_AGGIORNAMENTO',
] as const;

export const OPEN_DATA_LICENSE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } as const;
