//! The end-to-end harness: a virtual display (Xvfb, when there is none), `tauri-driver`
//! (which starts WebKitWebDriver, which starts the real `cogov-studio` binary) and a
//! fantoccini WebDriver session. Everything started here is torn down by `Drop`, also when a
//! scenario fails or panics.
//!
//! The app runs with a private `HOME`/`XDG_*` (recent files do not leak between runs) and
//! `COGOV_STUDIO_DIALOG_DIR` (the native file dialogs, which WebDriver cannot drive, answer
//! with a fixed path in that directory).

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long any single wait may take before the scenario fails.
pub const WAIT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(100);

/// A scenario's result: the error says what was expected and what was seen.
pub type R<T> = Result<T, String>;

/// One app at a time: the scenarios share the machine's display and CPU.
static SERIAL: Mutex<()> = Mutex::new(());

/// Adds context to WebDriver errors.
pub trait Ctx<T> {
    /// Maps the error to a message starting with `what`.
    fn ctx(self, what: &str) -> R<T>;
}

impl<T, E: std::fmt::Display> Ctx<T> for Result<T, E> {
    fn ctx(self, what: &str) -> R<T> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

/// Fails the scenario with a message unless `cond` holds.
pub fn ensure(cond: bool, msg: impl FnOnce() -> String) -> R<()> {
    if cond { Ok(()) } else { Err(msg()) }
}

fn unique_suffix() -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
    format!("{}-{nanos}", std::process::id())
}

/// An executable on `PATH`.
fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

fn find_tauri_driver() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TAURI_DRIVER").map(PathBuf::from).filter(|p| p.is_file()) {
        return Some(p);
    }
    which("tauri-driver").or_else(|| {
        let cargo_home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
        Some(cargo_home.join("bin/tauri-driver")).filter(|p| p.is_file())
    })
}

fn free_port() -> R<(TcpListener, u16)> {
    let l = TcpListener::bind("127.0.0.1:0").ctx("cannot bind a local port")?;
    let port = l.local_addr().ctx("cannot read the bound port")?.port();
    Ok((l, port))
}

fn tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// Sends `signal` to a process group (`-pgid`) or a process, ignoring "no such process".
fn signal(target: &str, signal: &str) {
    let _ = Command::new("kill").args([signal, "--", target]).stdout(Stdio::null()).stderr(Stdio::null()).status();
}

fn wait_exit(child: &mut Child, within: Duration) -> bool {
    let end = Instant::now() + within;
    while Instant::now() < end {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// The processes behind one session: Xvfb (maybe), tauri-driver and its children.
pub struct Stack {
    root: PathBuf,
    /// The directory the stubbed file dialogs answer in.
    pub dialog_dir: PathBuf,
    driver_log: PathBuf,
    driver: Option<Child>,
    xvfb: Option<Child>,
    /// The tauri-driver port.
    pub port: u16,
}

impl Stack {
    /// Starts everything, or says precisely what is missing. `extra_env` is set for the driver
    /// and so for the app (e.g. `COGOV_STUDIO_DIALOG_OPEN`).
    pub fn start(extra_env: &[(&str, &str)]) -> R<Stack> {
        let native = which("WebKitWebDriver").ok_or(
            "WebKitWebDriver is not on PATH: install the WebKitGTK WebDriver (Debian/Ubuntu: \
             `apt-get install webkit2gtk-driver`)",
        )?;
        let driver_bin = find_tauri_driver().ok_or(
            "tauri-driver is not on PATH nor in ~/.cargo/bin (or $TAURI_DRIVER): install it with \
             `cargo install tauri-driver --locked`",
        )?;
        let root = std::env::temp_dir().join(format!("cogov-e2e-{}", unique_suffix()));
        let home = root.join("home");
        let dialog_dir = root.join("dialogs");
        for d in [&home, &dialog_dir, &home.join(".config"), &home.join(".local/share"), &home.join(".cache")] {
            std::fs::create_dir_all(d).ctx(&format!("cannot create {}", d.display()))?;
        }
        let mut stack =
            Stack { driver_log: root.join("tauri-driver.log"), root, dialog_dir, driver: None, xvfb: None, port: 0 };

        let display = match std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()) {
            Some(d) => d,
            None => stack.start_xvfb()?,
        };

        let (l1, port) = free_port()?;
        let (l2, native_port) = free_port()?;
        drop((l1, l2));
        stack.port = port;
        let log = std::fs::File::create(&stack.driver_log).ctx("cannot create the tauri-driver log")?;
        let log2 = log.try_clone().ctx("cannot clone the log handle")?;
        let mut cmd = Command::new(&driver_bin);
        cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .arg("--native-driver")
            .arg(&native)
            .env("DISPLAY", &display)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("COGOV_STUDIO_DIALOG_DIR", &stack.dialog_dir)
            .env_remove("COGOV_STUDIO_DIALOG_OPEN")
            .env_remove("COGOV_STUDIO_DIALOG_KEY")
            .env_remove("COGOV_STUDIO_DIALOG_BUNDLE")
            .env_remove("COGOV_STUDIO_DIALOG_PUBKEY")
            // The store: the scenario's own per-user database, never the developer's.
            .env_remove("COGOV_DB")
            .env("COGOV_AUTHOR", "e2e-designer")
            .env_remove("WAYLAND_DISPLAY")
            .env("GDK_BACKEND", "x11")
            .env("NO_AT_BRIDGE", "1")
            .envs(extra_env.iter().copied())
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log2)
            // Its own process group, so the driver, WebKitWebDriver and the app die together.
            .process_group(0);
        let child = cmd.spawn().ctx(&format!("cannot start {}", driver_bin.display()))?;
        stack.driver = Some(child);

        for (p, what) in [(port, "tauri-driver"), (native_port, "WebKitWebDriver (via tauri-driver)")] {
            let end = Instant::now() + WAIT;
            loop {
                if TcpStream::connect(("127.0.0.1", p)).is_ok() {
                    break;
                }
                if let Some(Ok(Some(status))) = stack.driver.as_mut().map(Child::try_wait) {
                    return Err(format!(
                        "tauri-driver exited ({status}) before {what} listened on port {p}; its log:\n{}",
                        tail(&stack.driver_log, 30)
                    ));
                }
                if Instant::now() > end {
                    return Err(format!(
                        "{what} did not accept connections on 127.0.0.1:{p} within {} s; tauri-driver log:\n{}",
                        WAIT.as_secs(),
                        tail(&stack.driver_log, 30)
                    ));
                }
                std::thread::sleep(POLL);
            }
        }
        Ok(stack)
    }

    /// Starts Xvfb on the first free display from :90 and returns its name.
    fn start_xvfb(&mut self) -> R<String> {
        let xvfb = which("Xvfb").ok_or("DISPLAY is not set and Xvfb is not on PATH (apt-get install xvfb)")?;
        let mut tried = Vec::new();
        for n in 90..120 {
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
            if socket.exists() || Path::new(&format!("/tmp/.X{n}-lock")).exists() {
                continue;
            }
            let log =
                std::fs::File::create(self.root.join(format!("xvfb-{n}.log"))).ctx("cannot create the Xvfb log")?;
            let mut child = Command::new(&xvfb)
                .args([&format!(":{n}"), "-screen", "0", "1400x900x24", "-nolisten", "tcp"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .ctx("cannot start Xvfb")?;
            let end = Instant::now() + Duration::from_secs(10);
            let ok = loop {
                if socket.exists() {
                    break true;
                }
                if matches!(child.try_wait(), Ok(Some(_))) || Instant::now() > end {
                    break false;
                }
                std::thread::sleep(Duration::from_millis(50));
            };
            if ok {
                self.xvfb = Some(child);
                return Ok(format!(":{n}"));
            }
            let _ = child.kill();
            let _ = child.wait();
            tried.push(n);
        }
        Err(format!("Xvfb could not start on any display from :90 (tried {tried:?}); logs in {}", self.root.display()))
    }

    /// The last lines of tauri-driver's (and WebKitWebDriver's, and the app's) output.
    pub fn log_tail(&self) -> String {
        tail(&self.driver_log, 40)
    }

    /// Opens a WebDriver session, which launches the app.
    pub async fn connect(&self) -> R<Client> {
        let app = env!("CARGO_BIN_EXE_cogov-studio");
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert("tauri:options".into(), json!({ "application": app }));
        let url = format!("http://127.0.0.1:{}", self.port);
        let end = Instant::now() + WAIT;
        loop {
            let r = ClientBuilder::rustls()
                .ctx("cannot build the WebDriver client")?
                .capabilities(caps.clone())
                .connect(&url)
                .await;
            match r {
                Ok(c) => return Ok(c),
                Err(e) if Instant::now() > end => {
                    return Err(format!(
                        "could not open a WebDriver session launching {app}: {e}\n{}",
                        self.log_tail()
                    ));
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(300)).await,
            }
        }
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        if let Some(mut d) = self.driver.take() {
            let group = format!("-{}", d.id());
            signal(&group, "-TERM");
            if !wait_exit(&mut d, Duration::from_secs(3)) {
                let _ = d.kill();
                let _ = d.wait();
            }
            // WebKitWebDriver and the app are in the same group; the leader exiting does not end them.
            std::thread::sleep(Duration::from_millis(200));
            signal(&group, "-KILL");
        }
        if let Some(mut x) = self.xvfb.take() {
            signal(&x.id().to_string(), "-TERM");
            if !wait_exit(&mut x, Duration::from_secs(3)) {
                let _ = x.kill();
                let _ = x.wait();
            }
        }
        if std::env::var_os("COGOV_E2E_KEEP").is_none() {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

/// A running app under WebDriver, as a scenario sees it.
pub struct Session {
    /// The WebDriver client.
    pub client: Client,
    /// Where the stubbed save dialog writes.
    pub dialog_dir: PathBuf,
    /// The scenario's name (screenshots are named after it).
    pub name: String,
}

/// The cargo target directory (the binary's profile directory's parent).
pub fn target_dir() -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_cogov-studio"));
    bin.parent().and_then(Path::parent).map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
}

/// `target/e2e-screenshots` (next to the binary's profile directory).
pub fn screenshot_dir() -> PathBuf {
    target_dir().join("e2e-screenshots")
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// A CSS selector for a `data-testid`.
pub fn tid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

impl Session {
    /// Runs a script in the page and returns its value.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> R<Value> {
        self.client.execute(script, args).await.ctx(&format!("script failed: {script}"))
    }

    /// Polls `script` until it returns a truthy value (and returns it), for at most [`WAIT`].
    pub async fn wait_js(&self, what: &str, script: &str, args: Vec<Value>) -> R<Value> {
        self.wait_js_for(what, script, args, WAIT).await
    }

    /// Polls `script` until it returns a truthy value (and returns it), for at most `within`.
    pub async fn wait_js_for(&self, what: &str, script: &str, args: Vec<Value>, within: Duration) -> R<Value> {
        let end = Instant::now() + within;
        let mut last: Value;
        loop {
            match self.client.execute(script, args.clone()).await {
                Ok(v) if truthy(&v) => return Ok(v),
                Ok(v) => last = v,
                Err(e) => last = json!(format!("script error: {e}")),
            }
            if Instant::now() > end {
                return Err(format!("timed out after {} s waiting for {what} (last value: {last})", within.as_secs()));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits for an element matching `css` to be present and displayed.
    pub async fn find(&self, css: &str) -> R<Element> {
        let end = Instant::now() + WAIT;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if el.is_displayed().await.unwrap_or(false) {
                    return Ok(el);
                }
            }
            if Instant::now() > end {
                return Err(format!("`{css}` did not appear within {} s", WAIT.as_secs()));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Every element matching `css` now (no waiting).
    pub async fn all(&self, css: &str) -> R<Vec<Element>> {
        self.client.find_all(Locator::Css(css)).await.ctx(&format!("cannot query `{css}`"))
    }

    /// Waits for `css` and clicks it.
    pub async fn click(&self, css: &str) -> R<()> {
        self.find(css).await?.click().await.ctx(&format!("cannot click `{css}`"))
    }

    /// Waits for the enabled element `css`, clears it and types `text` into it.
    pub async fn type_into(&self, css: &str, text: &str) -> R<()> {
        let el = self.find(css).await?;
        let end = Instant::now() + WAIT;
        while !el.is_enabled().await.ctx(&format!("cannot read `{css}`"))? {
            if Instant::now() > end {
                return Err(format!("`{css}` stayed disabled for {} s", WAIT.as_secs()));
            }
            tokio::time::sleep(POLL).await;
        }
        el.clear().await.ctx(&format!("cannot clear `{css}`"))?;
        el.send_keys(text).await.ctx(&format!("cannot type into `{css}`"))
    }

    /// The `data-score` of the compliance badge, once a report is there.
    pub async fn score(&self) -> R<u32> {
        let v = self
            .wait_js(
                "the compliance score (data-score) to be computed",
                "const e = document.querySelector('[data-testid=\"compliance-score\"]'); return e && e.dataset.score;",
                vec![],
            )
            .await?;
        let s = v.as_str().unwrap_or_default();
        s.parse().map_err(|_| format!("compliance-score has a non-numeric data-score `{s}`"))
    }

    /// Saves a screenshot as `target/e2e-screenshots/<scenario><suffix>.png`.
    pub async fn shot(&self, suffix: &str) -> R<PathBuf> {
        self.shot_named(&format!("{}{suffix}", self.name)).await
    }

    /// Saves a screenshot as `target/e2e-screenshots/<stem>.png`.
    pub async fn shot_named(&self, stem: &str) -> R<PathBuf> {
        // WebKitGTK's screenshot is the last painted frame, which can lag well behind the DOM
        // under a loaded Xvfb: wait for two animation frames (a paint of the current DOM) first.
        let _ = tokio::time::timeout(
            Duration::from_secs(5),
            self.client.execute_async(
                "const done = arguments[arguments.length - 1]; \
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            ),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(250)).await;
        let png = self.client.screenshot().await.ctx("screenshot failed")?;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).ctx(&format!("cannot create {}", dir.display()))?;
        let path = dir.join(format!("{stem}.png"));
        std::fs::write(&path, png).ctx(&format!("cannot write {}", path.display()))?;
        println!("[{}] screenshot: {}", self.name, path.display());
        Ok(path)
    }
}

/// Runs one scenario against a freshly started app: starts the stack, waits for the first
/// view, runs `body`, takes a `-failure` screenshot if it fails, and tears everything down.
/// Panics (failing the test) with the scenario's name and what went wrong.
pub fn scenario<F>(name: &str, body: F)
where
    F: for<'a> AsyncFnOnce(&'a Session) -> R<()>,
{
    scenario_with_env(name, &[], body);
}

/// [`scenario`], with `env` set for the app (on top of the harness's own settings).
pub fn scenario_with_env<F>(name: &str, env: &[(&str, &str)], body: F)
where
    F: for<'a> AsyncFnOnce(&'a Session) -> R<()>,
{
    let _serial = SERIAL.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let t0 = Instant::now();
    let stack = match Stack::start(env) {
        Ok(s) => s,
        Err(e) => panic!("[{name}] the WebDriver stack cannot run: {e}"),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("[{name}] cannot build a tokio runtime: {e}"));
    let dialog_dir = stack.dialog_dir.clone();
    let result: R<()> = rt.block_on(run_session(name, &stack, dialog_dir, t0, body));
    drop(rt);
    let log = stack.log_tail();
    drop(stack);
    println!("[{name}] total {:.1} s", t0.elapsed().as_secs_f64());
    if let Err(e) = result {
        panic!("[{name}] FAILED: {e}\n--- last lines of tauri-driver/WebKitWebDriver/app output ---\n{log}");
    }
}

async fn run_session<F>(name: &str, stack: &Stack, dialog_dir: PathBuf, t0: Instant, body: F) -> R<()>
where
    F: for<'a> AsyncFnOnce(&'a Session) -> R<()>,
{
    let launch = Instant::now();
    let client = stack.connect().await?;
    let s = Session { client, dialog_dir, name: name.to_owned() };
    let r = first_view(&s).await;
    if r.is_ok() {
        println!(
            "[{name}] app start → first view: {} ms (stack up in {} ms)",
            launch.elapsed().as_millis(),
            (launch - t0).as_millis()
        );
    }
    let r = match r {
        Ok(()) => body(&s).await,
        Err(e) => Err(e),
    };
    if r.is_err() {
        let _ = s.shot("-failure").await;
    }
    let _ = with_timeout(s.client.close()).await;
    r
}

async fn with_timeout<T>(f: impl Future<Output = T>) -> Option<T> {
    tokio::time::timeout(Duration::from_secs(10), f).await.ok()
}

/// The studio is up: the home view with its navigation enabled.
async fn first_view(s: &Session) -> R<()> {
    s.wait_js(
        "the studio to start (view-home shown, navigation enabled)",
        "const v = document.querySelector('[data-testid=\"view-home\"]'); \
         const n = document.querySelector('[data-testid=\"nav-editor\"]'); \
         return !!(v && n && !n.disabled);",
        vec![],
    )
    .await
    .map(|_| ())
    .map_err(|e| format!("the app did not show its first view: {e}"))
}
