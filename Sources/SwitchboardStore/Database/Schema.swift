import GRDB

/// The store's tables, created and upgraded by GRDB migrations. Times are nanoseconds since
/// the Unix epoch (INTEGER); JSON columns hold compact JSON text.
enum Schema {
    /// Migrations in order. A store that has applied a migration this list does not know was
    /// written by a newer Switchboard and is refused.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Messages of the store's message queue: live ones and finished ones until pruned.
            try db.execute(sql: """
                CREATE TABLE messages (
                  id INTEGER PRIMARY KEY,
                  kind TEXT NOT NULL,
                  priority INTEGER NOT NULL,
                  status TEXT NOT NULL,
                  attempt INTEGER NOT NULL,
                  max_attempts INTEGER NOT NULL,
                  sender TEXT NOT NULL,
                  recipient TEXT NOT NULL,
                  body BLOB NOT NULL,
                  body_encoding INTEGER NOT NULL,
                  created_at INTEGER NOT NULL,
                  updated_at INTEGER NOT NULL,
                  deadline INTEGER,
                  lease_owner TEXT,
                  ttl INTEGER,
                  tags TEXT,
                  metadata TEXT,
                  depends_on TEXT,
                  correlation_id INTEGER,
                  last_error TEXT,
                  retry_policy TEXT
                );
                -- Only finished rows are indexed (for retention and for listing them): enqueues,
                -- claims and retries never touch an index.
                CREATE INDEX finished_messages_by_age ON messages(updated_at)
                  WHERE status IN ('acknowledged', 'expired', 'cancelled');

                -- Rows are keyed by submission order (the rowid), so that the engine's writes,
                  -- which follow that order closely, stay local; ids are looked up by index.
                CREATE TABLE tasks (
                  sequence INTEGER PRIMARY KEY,
                  id TEXT NOT NULL UNIQUE,
                  title TEXT NOT NULL,
                  queue TEXT NOT NULL,
                  payload TEXT,
                  command TEXT,
                  capabilities TEXT,
                  priority INTEGER NOT NULL,
                  tags TEXT,
                  dependencies TEXT,
                  status TEXT NOT NULL,
                  progress INTEGER NOT NULL DEFAULT 0,
                  progress_note TEXT,
                  agent TEXT,
                  attempts INTEGER NOT NULL DEFAULT 0,
                  max_attempts INTEGER NOT NULL,
                  timeout INTEGER,
                  deadline INTEGER,
                  start_after INTEGER,
                  parent TEXT,
                  created_at INTEGER NOT NULL,
                  updated_at INTEGER NOT NULL,
                  started_at INTEGER,
                  finished_at INTEGER,
                  queued_at INTEGER,
                  available_at INTEGER,
                  result TEXT,
                  last_error TEXT,
                  output_tail TEXT,
                  overdue INTEGER NOT NULL DEFAULT 0
                );
                -- Only unfinished tasks are indexed by status: finishing a task removes its
                -- entry instead of moving it, and finished tasks (the bulk) cost nothing.
                CREATE INDEX unfinished_tasks_by_status ON tasks(status)
                  WHERE status IN ('pending', 'blocked', 'queued', 'running', 'paused');

                CREATE TABLE task_history (
                  id INTEGER PRIMARY KEY,
                  task_sequence INTEGER NOT NULL,
                  task_id TEXT NOT NULL,
                  at INTEGER NOT NULL,
                  event TEXT NOT NULL,
                  from_status TEXT,
                  to_status TEXT,
                  actor TEXT NOT NULL,
                  reason TEXT
                );
                CREATE INDEX task_history_by_task ON task_history(task_sequence, id);

                CREATE TABLE agents (
                  name TEXT PRIMARY KEY,
                  pool TEXT NOT NULL,
                  state TEXT NOT NULL,
                  updated_at INTEGER NOT NULL,
                  snapshot TEXT NOT NULL
                );

                CREATE TABLE pools (
                  name TEXT PRIMARY KEY,
                  updated_at INTEGER NOT NULL,
                  snapshot TEXT NOT NULL
                );

                CREATE TABLE commands (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  created_at INTEGER NOT NULL,
                  issued_by TEXT NOT NULL,
                  body TEXT NOT NULL,
                  status TEXT NOT NULL DEFAULT 'pending',
                  result TEXT,
                  applied_at INTEGER
                );
                CREATE INDEX commands_pending ON commands(status, id);

                CREATE TABLE metric_rollups (
                  name TEXT NOT NULL,
                  at INTEGER NOT NULL,
                  value REAL NOT NULL,
                  PRIMARY KEY (name, at)
                ) WITHOUT ROWID;

                CREATE TABLE events (
                  id INTEGER PRIMARY KEY,
                  at INTEGER NOT NULL,
                  kind TEXT NOT NULL,
                  subject TEXT NOT NULL,
                  message TEXT NOT NULL
                );
                CREATE INDEX events_by_time ON events(at);

                CREATE TABLE meta (
                  key TEXT PRIMARY KEY,
                  value TEXT NOT NULL
                );
                """)
        }
        return migrator
    }
}
