// While a transaction is open, the connection is borrowed by it: writing
// through the connection directly, around the transaction, does not compile.
use rusqlite::Connection;

fn main() -> rusqlite::Result<()> {
    let mut conn = Connection::open_in_memory()?;
    let tx = conn.transaction()?;
    conn.execute("CREATE TABLE notes (body TEXT NOT NULL)", [])?;
    tx.commit()
}
