import { type Component, For, onCleanup, onMount } from "solid-js";
import type { SessionFilters } from "../../api/admin";
import { fromLocalInput, toLocalInput } from "../../lib/format";
import { isTypingTarget } from "../../lib/keyboard";
import { isFiltered } from "./filters";
import SearchField from "../../components/SearchField";
import { DEVICE_TYPES, type DeviceType } from "../../../../protocol/enums";
import { SESSION_ORDERS, type SessionOrder } from "../../../../protocol/session-orders";

const ORDER_LABELS: Record<SessionOrder, string> = { newest: "Newest", frustration: "Most frustrated" };

interface Props {
  filters: SessionFilters;
  onApply(f: Omit<SessionFilters, "cursor">): void;
}

/** User, date-range, device and frustrated filters and the list order; "/" focuses the user field from anywhere on the page. */
const SessionFiltersForm: Component<Props> = (props) => {
  let user!: HTMLInputElement;
  let from!: HTMLInputElement;
  let to!: HTMLInputElement;
  let device!: HTMLSelectElement;
  let frustrated!: HTMLInputElement;
  let sort!: HTMLSelectElement;

  onMount(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || isTypingTarget(e.target)) return;
      e.preventDefault();
      user.focus();
      user.select();
    };
    document.addEventListener("keydown", onKey);
    onCleanup(() => document.removeEventListener("keydown", onKey));
  });

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    props.onApply({
      userId: user.value.trim() || undefined,
      from: fromLocalInput(from.value),
      to: fromLocalInput(to.value),
      device: DEVICE_TYPES.find((d): d is DeviceType => d === device.value),
      frustrated: frustrated.checked || undefined,
      sort: SESSION_ORDERS.find((o) => o === sort.value),
    });
  };

  return (
    <form class="filters" role="search" onSubmit={submit}>
      <SearchField ref={user} label="User" name="user" placeholder="user id  ( / )" value={props.filters.userId} testId="filter-user" />
      <label>
        From
        <input ref={from} name="from" type="datetime-local" value={toLocalInput(props.filters.from)} data-testid="filter-from" />
      </label>
      <label>
        To
        <input ref={to} name="to" type="datetime-local" value={toLocalInput(props.filters.to)} data-testid="filter-to" />
      </label>
      <label>
        Device
        <select ref={device} name="device" data-testid="filter-device">
          <option value="">Any</option>
          <For each={DEVICE_TYPES}>
            {(d) => (
              <option value={d} selected={props.filters.device === d}>
                {d}
              </option>
            )}
          </For>
        </select>
      </label>
      <label class="check" title="Sessions with a rage or dead click">
        <input ref={frustrated} name="frustrated" type="checkbox" checked={props.filters.frustrated === true} data-testid="filter-frustrated" />
        Frustrated only
      </label>
      <label>
        Sort
        <select ref={sort} name="sort" data-testid="filter-sort">
          <For each={SESSION_ORDERS}>
            {(o) => (
              <option value={o} selected={(props.filters.sort ?? SESSION_ORDERS[0]) === o}>
                {ORDER_LABELS[o]}
              </option>
            )}
          </For>
        </select>
      </label>
      <button type="submit" class="primary" data-testid="filter-apply">
        Apply
      </button>
      <button type="button" disabled={!isFiltered(props.filters)} onClick={() => props.onApply({ sort: props.filters.sort })}>
        Clear
      </button>
    </form>
  );
};

export default SessionFiltersForm;
