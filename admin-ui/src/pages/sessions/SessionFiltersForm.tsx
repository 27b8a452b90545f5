import { type Component, onCleanup, onMount } from "solid-js";
import type { SessionFilters } from "../../api/admin";
import { fromLocalInput, toLocalInput } from "../../lib/format";
import { isTypingTarget } from "../../lib/keyboard";
import { isFiltered } from "./filters";
import SearchField from "../../components/SearchField";
import SelectField from "../../components/SelectField";
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
      <SelectField ref={device} label="Device" name="device" options={DEVICE_TYPES} selected={props.filters.device} anyLabel="Any" testId="filter-device" />
      <label class="check" title="Sessions with a rage or dead click">
        <input ref={frustrated} name="frustrated" type="checkbox" checked={props.filters.frustrated === true} data-testid="filter-frustrated" />
        Frustrated only
      </label>
      <SelectField
        ref={sort}
        label="Sort"
        name="sort"
        options={SESSION_ORDERS}
        selected={props.filters.sort ?? SESSION_ORDERS[0]}
        optionLabel={(o) => ORDER_LABELS[o]}
        testId="filter-sort"
      />
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
