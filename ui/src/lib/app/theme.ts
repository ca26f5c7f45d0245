export type Theme = "light" | "dark";
const KEY = "cogov-theme";

function systemTheme(): Theme {
  return typeof matchMedia !== "undefined" && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** The stored choice, or null to follow the OS. */
export function storedTheme(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === "light" || v === "dark" ? v : null;
  } catch {
    return null;
  }
}

export function effectiveTheme(): Theme {
  return storedTheme() ?? systemTheme();
}

export function applyTheme(t: Theme): void {
  document.documentElement.dataset.theme = t;
}

/** Switches between light and dark and remembers the choice. */
export function toggleTheme(): Theme {
  const next: Theme = effectiveTheme() === "dark" ? "light" : "dark";
  try {
    localStorage.setItem(KEY, next);
  } catch {
    /* private mode: not remembered */
  }
  applyTheme(next);
  return next;
}

/** Follows OS changes while the designer has not chosen. */
export function followSystem(onChange: (t: Theme) => void): () => void {
  if (typeof matchMedia === "undefined") return () => {};
  const mq = matchMedia("(prefers-color-scheme: dark)");
  const h = () => {
    if (!storedTheme()) {
      applyTheme(systemTheme());
      onChange(systemTheme());
    }
  };
  mq.addEventListener("change", h);
  return () => mq.removeEventListener("change", h);
}
