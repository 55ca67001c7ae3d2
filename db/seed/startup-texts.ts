/**
 * Public profiles of the demo start-ups (the funded proposals of `sport-nei-cortili-2025`), by the
 * proposal's title: what each team wrote, where it works, and whether it consented to publication.
 */
export type DemoProfile = { neighbourhood: string; need: string; offer: string; publicConsent: boolean; shareMonitoring: boolean };

export const demoProfiles: Record<string, DemoProfile> = {
  'Basket in piazza Lanza': {
    neighbourhood: 'san-cristoforo',
    need: 'A San Cristoforo non ci sono **campi da basket liberi**: i ragazzi tra i 10 e i 17 anni giocano in strada, tra le auto, e molti smettono di fare sport quando la scuola finisce.',
    offer:
      'Allenamenti gratuiti tre pomeriggi a settimana nel campetto riqualificato di piazza Lanza, con due istruttori federali e un educatore:\n\n- squadre miste under 14 e under 17;\n- un torneo di quartiere a fine stagione;\n- aiuto compiti il sabato mattina per chi si allena.',
    publicConsent: true,
    shareMonitoring: true,
  },
  'Calcio femminile di cortile': {
    neighbourhood: 'san-berillo-vecchio',
    need: 'Le ragazze del quartiere **smettono di fare sport a dodici anni**: le società vicine hanno solo squadre maschili e le famiglie non possono pagare iscrizioni e trasporti.',
    offer:
      'Una squadra di calcio a cinque per ragazze dagli 11 ai 16 anni, negli spazi del cortile della scuola di via Di Prima: due allenamenti a settimana, partite con le squadre degli altri quartieri e un percorso con le allenatrici sul rispetto e la fiducia in sé.',
    publicConsent: true,
    shareMonitoring: false,
  },
  'Ginnastica dolce per over 65': {
    neighbourhood: 'cappuccini',
    need: 'Molti anziani dei Cappuccini vivono soli e **non hanno attività motorie gratuite** vicino a casa: escono poco e perdono forza e autonomia.',
    offer: 'Lezioni di ginnastica dolce e camminate di gruppo, due mattine a settimana, nella sala parrocchiale e nel giardino di piazza Cappuccini, con una chinesiologa e volontari che accompagnano chi ha difficoltà a spostarsi.',
    publicConsent: false,
    shareMonitoring: false,
  },
};
