//! A PostgreSQL server made for one process and removed after it: a new
//! data folder in a temporary folder, a Unix socket beside it and no TCP
//! port, so two checks running at once never meet.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::ServerError;
use crate::find::find_initdb;

/// The port in the socket's file name (`.s.PGSQL.5432`): with no TCP, it
/// takes nothing from anyone.
const PORT: u16 = 5432;

/// The user PostgreSQL runs as when this process is root, since the server
/// refuses to run as root. Debian's and Ubuntu's packages create it.
const SERVER_USER: &str = "postgres";

/// The settings of a server whose data is thrown away: nothing is flushed
/// to disk, since nothing has to survive a crash.
const SETTINGS: &str = "-c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off";

/// The settings of a throwaway server that is measured: PostgreSQL's own
/// defaults, a commit waiting for its write-ahead log on disk.
const DURABLE_SETTINGS: &str = "-c listen_addresses=''";

/// A running throwaway server. Dropping it stops the server and removes its
/// folder; so does a watchdog process if this process dies first.
#[derive(Debug)]
pub struct Throwaway {
    /// The temporary folder: `data/`, the socket and `server.log`.
    root: PathBuf,
    pg_ctl: PathBuf,
    /// The user the server programs run as, when this process is root.
    run_as: Option<String>,
    stopped: AtomicBool,
}

impl Throwaway {
    /// Makes a new data folder with `initdb` and starts the server on it.
    pub fn start() -> Result<Throwaway, ServerError> {
        Throwaway::start_with(SETTINGS)
    }

    /// As [`Throwaway::start`], but with PostgreSQL's default durability:
    /// for a measurement of writes, fair to a database that flushes them.
    pub fn start_durable() -> Result<Throwaway, ServerError> {
        Throwaway::start_with(DURABLE_SETTINGS)
    }

    fn start_with(settings: &str) -> Result<Throwaway, ServerError> {
        if !cfg!(unix) {
            return Err(ServerError::Unsupported);
        }
        let initdb = find_initdb().ok_or(ServerError::NotInstalled)?;
        let pg_ctl = initdb.with_file_name(format!("pg_ctl{}", std::env::consts::EXE_SUFFIX));
        let root = tempfile::Builder::new().prefix("workbook-pg-").tempdir()?.keep();
        let mut server = Throwaway {
            root,
            pg_ctl,
            run_as: None,
            stopped: AtomicBool::new(false),
        };
        // From here on, a failure drops `server`, which removes the folder.
        if is_root() {
            server.run_as = Some(SERVER_USER.to_string());
            hand_over(&server.root, SERVER_USER)?;
        }
        let data = server.data();
        let init = server
            .command(&initdb)
            .arg("-D")
            .arg(&data)
            .args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"])
            .output()?;
        if !init.status.success() {
            return Err(ServerError::Init(last_line(&String::from_utf8_lossy(&init.stderr))));
        }
        let options = format!("-k '{}' -p {PORT} {settings}", server.root.display());
        let start = server
            .command(&server.pg_ctl)
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(server.root.join("server.log"))
            .args(["-w", "-t", "60", "-o", &options, "start"])
            .output()?;
        if !start.status.success() {
            let log = std::fs::read_to_string(server.root.join("server.log")).unwrap_or_default();
            let said = format!("{}\n{log}", String::from_utf8_lossy(&start.stderr));
            return Err(ServerError::Start(last_line(&said)));
        }
        server.watch();
        Ok(server)
    }

    /// The URL of `database` on this server, for sqlx: the user `postgres`
    /// over the socket in the temporary folder.
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://postgres@localhost:{PORT}/{database}?host={}",
            encode(&self.root.to_string_lossy())
        )
    }

    /// The server's folder: its data, its socket, its log.
    pub fn folder(&self) -> &Path {
        &self.root
    }

    /// Stops the server at once and removes its folder. Doing it again does
    /// nothing.
    pub fn stop(&self) {
        if self.stopped.swap(true, Ordering::SeqCst) {
            return;
        }
        if self.data().join("postmaster.pid").is_file() {
            let _ = self
                .command(&self.pg_ctl)
                .arg("-D")
                .arg(self.data())
                .args(["-m", "immediate", "-w", "stop"])
                .output();
        }
        let _ = std::fs::remove_dir_all(&self.root);
    }

    fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    /// A server program, run as the server's user when this process is root.
    fn command(&self, program: &Path) -> Command {
        let mut command = match &self.run_as {
            Some(user) => {
                let mut runuser = Command::new("runuser");
                runuser.args(["-u", user, "--"]).arg(program);
                runuser
            }
            None => Command::new(program),
        };
        command.stdin(Stdio::null());
        command
    }

    /// Starts a watchdog that stops the server and removes its folder once
    /// this process has ended, however it ended: a check killed for taking
    /// too long, or stopped with Ctrl-C, leaves nothing behind. In a process
    /// group of its own, so Ctrl-C does not stop it too.
    fn watch(&self) {
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            let mut stop = vec![quote(&self.pg_ctl.to_string_lossy())];
            if let Some(user) = &self.run_as {
                stop.splice(0..0, ["runuser".into(), "-u".into(), quote(user), "--".into()]);
            }
            stop.extend([
                "-D".into(),
                quote(&self.data().to_string_lossy()),
                "-m immediate -w stop".into(),
            ]);
            let script = format!(
                "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf {root}",
                pid = std::process::id(),
                stop = stop.join(" "),
                root = quote(&self.root.to_string_lossy()),
            );
            let _ = Command::new("sh")
                .args(["-c", &script])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn();
        }
    }
}

impl Drop for Throwaway {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(unix)]
fn is_root() -> bool {
    unsafe extern "C" {
        safe fn geteuid() -> u32;
    }
    geteuid() == 0
}

#[cfg(not(unix))]
fn is_root() -> bool {
    false
}

/// Gives `folder` to `user`, so that the server, run as that user, can
/// write its data and its socket there.
#[cfg(unix)]
fn hand_over(folder: &Path, user: &str) -> Result<(), ServerError> {
    let id = |flag: &str| -> Option<u32> {
        let out = Command::new("id").args([flag, user]).output().ok()?;
        out.status.success().then_some(())?;
        String::from_utf8_lossy(&out.stdout).trim().parse().ok()
    };
    let (Some(uid), Some(gid)) = (id("-u"), id("-g")) else {
        return Err(ServerError::NoServerUser);
    };
    if crate::find_program("runuser", &["/usr/sbin", "/sbin"]).is_none() {
        return Err(ServerError::NoRunuser);
    }
    std::os::unix::fs::chown(folder, Some(uid), Some(gid))?;
    Ok(())
}

#[cfg(not(unix))]
fn hand_over(_folder: &Path, _user: &str) -> Result<(), ServerError> {
    Err(ServerError::Unsupported)
}

/// The last line that says something, without PostgreSQL's prefixes.
fn last_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .rfind(|line| !line.is_empty())
        .unwrap_or("no message")
        .to_string()
}

/// `text` in single quotes for `sh`.
#[cfg(unix)]
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `text` as a value in a URL's query.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
