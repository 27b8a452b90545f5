import { render } from "solid-js/web";
import "rrweb-player/dist/style.css";
import "../styles.css";
import SharePage from "./SharePage";

// The share page's own entry (built to /share/ by scripts/build-admin.mjs): no router, no admin API.
render(() => <SharePage />, document.getElementById("root") as HTMLElement);
