import type { Component } from "solid-js";
import { A } from "@solidjs/router";
import type * as z from "zod/mini";
import type { sessionMeta } from "../api/schemas";
import { describeUserAgent, formatViewport, shortUrl } from "../lib/format";
import type { DeviceType } from "../../../protocol/enums";
import DeviceIcon from "./DeviceIcon";

// Cells the session tables share (the list of sessions and the live list).

/** The user, as the row's link (the keyboard target of row-navigation.ts). */
export const UserCell: Component<{ href: string; title: string; userId: string }> = (props) => (
  <td class="mono">
    <A class="row-link" href={props.href} title={props.title}>
      {props.userId}
    </A>
  </td>
);

/** The page, shortened; the whole URL in the title (never a link). */
export const PageCell: Component<{ url: string | null | undefined }> = (props) => (
  <td class="url" title={props.url ?? ""}>
    {shortUrl(props.url)}
  </td>
);

/** The device type's icon, browser, system and viewport; the raw user agent in the title. */
export const DeviceCell: Component<{ meta: z.infer<typeof sessionMeta> | undefined; device: DeviceType | undefined }> = (props) => (
  <td class="nowrap" title={props.meta?.ua ?? ""} data-testid="device-cell">
    <DeviceIcon device={props.device} /> {describeUserAgent(props.meta?.ua)} <span class="muted">{formatViewport(props.meta?.viewport)}</span>
  </td>
);

/** A count of rage or dead clicks, highlighted when there are any. */
export const FrustrationCell: Component<{ count: number | undefined; what: string }> = (props) => (
  <td class={`num ${props.count ? "frustrated" : "muted"}`} title={`${props.count ?? 0} ${props.what}`}>
    {props.count ?? 0}
  </td>
);
