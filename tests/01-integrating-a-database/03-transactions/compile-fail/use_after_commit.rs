// A transaction cannot be used after `commit()`: `commit` takes the
// transaction by value, so the variable is gone once it returns.
use rusqlite::Connection;

fn main() -> rusqlite::Result<()> {
    let mut conn = Connection::open_in_memory()?;
    let tx = conn.transaction()?;
    tx.execute("CREATE TABLE notes (body TEXT NOT NULL)", [])?;
    tx.commit()?;
    tx.execute("INSERT INTO notes (body) VALUES ('too late')", [])?;
    Ok(())
}
