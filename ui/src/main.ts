import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { applyTheme, effectiveTheme } from "./lib/app/theme";

applyTheme(effectiveTheme());
const app = mount(App, { target: document.getElementById("app")! });
export default app;
