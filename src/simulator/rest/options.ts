/**
 * What the REST documentation leaves open (REST spec §3, §5.3, tagged [inferred]): the simulator
 * can play each variant so a client is tested against all of them.
 */
export interface RestOptions {
  /** An Add/Update answer without call-level errors: `"OperationErrors": []` (default) or `null`. */
  emptyOperationErrors: 'array' | 'null';
  /** An Add/Update answer where every link succeeded: `"PartialErrors": [null, …]`, one per link (default), or `[]`. */
  allSuccessPartialErrors: 'nulls' | 'empty';
  /** Refuse `null` on members the service declares non-nullable (default), or read it as absent. */
  rejectNullForNonNullable: boolean;
}

export const DEFAULT_REST_OPTIONS: Readonly<RestOptions> = {
  emptyOperationErrors: 'array',
  allSuccessPartialErrors: 'nulls',
  rejectNullForNonNullable: true,
};
