// PostgreSQL's SQLSTATE codes, named. The server's own message often quotes the offending value
// (`invalid input syntax for type date: "…"`) and its `detail`/`where` quote whole parameters, so
// a reduced error carries the code and this name instead of the server's words.

const CONDITIONS: Record<string, string> = {
  "08000": "connection_exception",
  "08003": "connection_does_not_exist",
  "08006": "connection_failure",
  "08001": "sqlclient_unable_to_establish_sqlconnection",
  "08004": "sqlserver_rejected_establishment_of_sqlconnection",
  "08P01": "protocol_violation",
  "0A000": "feature_not_supported",
  "21000": "cardinality_violation",
  "22000": "data_exception",
  "22001": "string_data_right_truncation",
  "22003": "numeric_value_out_of_range",
  "22007": "invalid_datetime_format",
  "22008": "datetime_field_overflow",
  "22012": "division_by_zero",
  "22021": "character_not_in_repertoire",
  "22023": "invalid_parameter_value",
  "22030": "duplicate_json_object_key_value",
  "22032": "invalid_json_text",
  "2203A": "sql_json_member_not_found",
  "22P02": "invalid_text_representation",
  "22P03": "invalid_binary_representation",
  "22P05": "untranslatable_character",
  "23000": "integrity_constraint_violation",
  "23502": "not_null_violation",
  "23503": "foreign_key_violation",
  "23505": "unique_violation",
  "23514": "check_violation",
  "23P01": "exclusion_violation",
  "25P02": "in_failed_sql_transaction",
  "28000": "invalid_authorization_specification",
  "28P01": "invalid_password",
  "3D000": "invalid_catalog_name",
  "40001": "serialization_failure",
  "40P01": "deadlock_detected",
  "42501": "insufficient_privilege",
  "42601": "syntax_error",
  "42703": "undefined_column",
  "42804": "datatype_mismatch",
  "42883": "undefined_function",
  "42P01": "undefined_table",
  "53100": "disk_full",
  "53200": "out_of_memory",
  "53300": "too_many_connections",
  "54000": "program_limit_exceeded",
  "55P03": "lock_not_available",
  "57014": "query_canceled",
  "57P01": "admin_shutdown",
  "57P02": "crash_shutdown",
  "57P03": "cannot_connect_now",
  "58000": "system_error",
  XX000: "internal_error",
};

const CLASSES: Record<string, string> = {
  "08": "connection_exception",
  "0A": "feature_not_supported",
  "22": "data_exception",
  "23": "integrity_constraint_violation",
  "25": "invalid_transaction_state",
  "28": "invalid_authorization_specification",
  "40": "transaction_rollback",
  "42": "syntax_error_or_access_rule_violation",
  "53": "insufficient_resources",
  "54": "program_limit_exceeded",
  "55": "object_not_in_prerequisite_state",
  "57": "operator_intervention",
  "58": "system_error",
  XX: "internal_error",
};

/** A five-character SQLSTATE (digits and upper-case letters). */
export function isSqlState(code: unknown): code is string {
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}

/** `unique_violation` for 23505; the class's name for a code not listed; `database_error` otherwise. */
export function conditionName(code: string): string {
  return CONDITIONS[code] ?? CLASSES[code.slice(0, 2)] ?? "database_error";
}

/**
 * Whether the database, not the statement, failed: the connection (08), a rollback the server
 * chose (40: deadlock, serialization), resources (53), an operator or shutdown (57), the system
 * (58). Running the same statement again later may succeed.
 */
export function isTransientSqlState(code: string): boolean {
  return ["08", "40", "53", "57", "58"].includes(code.slice(0, 2));
}
