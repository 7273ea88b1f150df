export type PanelObservation = { unit: string; period: string /* "YYYY-MM-01" */; x: number; y: number };

export function finiteObservations(obs: PanelObservation[]): PanelObservation[] {
  return obs.filter((o) => Number.isFinite(o.x) && Number.isFinite(o.y));
}
