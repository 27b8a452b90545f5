import { render } from "solid-js/web";
import { Navigate, Route, Router } from "@solidjs/router";
import { lazy } from "solid-js";
import "rrweb-player/dist/style.css";
import "./styles.css";
import AppShell from "./components/AppShell";
import SignInPage from "./pages/SignInPage";
import SessionListPage from "./pages/sessions/SessionListPage";
import { preloadSessionDetail, preloadSessions } from "./pages/sessions/preload";

// The player (rrweb) is the heavy part: load it only when a session is opened.
const SessionDetailPage = lazy(() => import("./pages/sessions/SessionDetailPage"));
const MetricsPage = lazy(() => import("./pages/metrics/MetricsPage"));
const LivePage = lazy(() => import("./pages/live/LivePage"));
const AuditPage = lazy(() => import("./pages/audit/AuditPage"));
const HeatmapsPage = lazy(() => import("./pages/heatmaps/HeatmapsPage"));

render(
  () => (
    <Router base="/admin">
      <Route path="/sign-in" component={SignInPage} />
      <Route path="/" component={AppShell}>
        <Route path="/" component={() => <Navigate href="/sessions" />} />
        <Route path="/sessions" component={SessionListPage} preload={preloadSessions} />
        <Route path="/sessions/:id" component={SessionDetailPage} preload={preloadSessionDetail} />
        <Route path="/live" component={LivePage} />
        <Route path="/heatmaps" component={HeatmapsPage} />
        <Route path="/metrics" component={MetricsPage} />
        <Route path="/audit" component={AuditPage} />
        <Route path="*" component={() => <Navigate href="/sessions" />} />
      </Route>
    </Router>
  ),
  document.getElementById("root")!,
);
