// The re-identification lookup (pseudonym → NHS number) lives outside the warehouse, in a
// separate file with its own key (the ingest issue provides `openReidentification`). The API
// depends only on this interface and calls it for direct-care roles only.
export interface ReidentificationLookup {
  lookup(personIds: bigint[]): Promise<Map<bigint, string>>;
  close(): Promise<void> | void;
}
