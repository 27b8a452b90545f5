// rrweb 2.2.2 serializes every node of a full snapshot, and every node a mutation adds, through
// `serializeNodeWithId`, which per node destructures ~25 options, builds two more option objects
// for `serializeNode`/`serializeElementNode` and a third for the children, allocates small arrays
// for tag checks (`["input", "textarea", "select"].includes`, per attribute in `ignoreAttribute`),
// asks `customElements.get` for every tag and `delete`s a key from the result (which turns it into a
// slow dictionary object for the later `JSON.stringify`). On the bench's heavy page that is the
// first snapshot's one long task (~300-450 ms at 4x CPU) and a share of every mutation batch.
//
// `makeFastSerializer` is the same serialization for the nodes that make up almost every page:
// elements without anything special about them (no shadow root, not blocked, not a form field,
// style, link, script, media, canvas, image, frame, dialog or `head`) and text outside `style` and
// `script`. It writes the same objects with the same keys in the same order, gives out ids in the
// same order, calls the same callbacks at the same points and reuses one options object for all
// the children of a level instead of building one per element. Any other node returns `undefined`
// before anything is touched, and rrweb's own code serializes it (its children come back here).
// test/e2e/recorder/rrweb-patch-equivalence.test.ts checks that full snapshots and mutation events
// are byte-identical with and without it.

/** Tags rrweb's serializer treats specially: left to rrweb. */
const SPECIAL_TAGS = ["link", "style", "script", "head", "input", "textarea", "select", "option", "dialog", "canvas", "img", "audio", "video", "iframe"];

/**
 * The fast path, given rrweb's own helpers (the names inside its dist). Returns `(node, options)
 * => serialized | null | undefined`, where `undefined` means "not handled here".
 */
export function makeFastSerializer(rr) {
  const special = new Set(rr.specialTags);
  /* Per options object: the children's options when the parent is masked / not masked. */
  const childOptionsOf = new WeakMap();
  const orDefault = (value, fallback) => (value === undefined ? fallback : value);
  const childOptions = (options, needsMask) => {
    let pair = childOptionsOf.get(options);
    if (!pair) childOptionsOf.set(options, (pair = [undefined, undefined]));
    const slot = needsMask ? 1 : 0;
    /* The object rrweb builds for the children (its bypassOptions), with its defaults applied. */
    pair[slot] ??= {
      doc: options.doc,
      mirror: options.mirror,
      blockClass: options.blockClass,
      blockSelector: options.blockSelector,
      needsMask,
      maskTextClass: options.maskTextClass,
      maskTextSelector: options.maskTextSelector,
      skipChild: orDefault(options.skipChild, false),
      inlineStylesheet: orDefault(options.inlineStylesheet, true),
      maskInputOptions: orDefault(options.maskInputOptions, {}),
      maskTextFn: options.maskTextFn,
      maskInputFn: options.maskInputFn,
      slimDOMOptions: options.slimDOMOptions,
      dataURLOptions: orDefault(options.dataURLOptions, {}),
      inlineImages: orDefault(options.inlineImages, false),
      recordCanvas: orDefault(options.recordCanvas, false),
      preserveWhiteSpace: orDefault(options.preserveWhiteSpace, true),
      onSerialize: options.onSerialize,
      onIframeLoad: options.onIframeLoad,
      iframeLoadTimeout: orDefault(options.iframeLoadTimeout, 5e3),
      onStylesheetLoad: options.onStylesheetLoad,
      stylesheetLoadTimeout: orDefault(options.stylesheetLoadTimeout, 5e3),
      keepIframeSrcFn: orDefault(options.keepIframeSrcFn, () => false),
      cssCaptured: false,
      /* Not rrweb's: the children's rootId, the same for all of a walk once its document is in the mirror (it is: the parent is). */
      fastRootId: rr.getRootId(options.doc, options.mirror),
    };
    return pair[slot];
  };
  const rootIdFor = (options) => ("fastRootId" in options ? options.fastRootId : rr.getRootId(options.doc, options.mirror));
  const idFor = (n, mirror, excluded) => (mirror.hasNode(n) ? mirror.getId(n) : excluded ? -2 : rr.genId());
  const finish = (n, options, serialized) => {
    options.mirror.add(n, serialized);
    if (serialized.id === -2) return null;
    if (options.onSerialize) options.onSerialize(n);
    return serialized;
  };
  /* A shadow root is a document fragment (node type 11): an element parent is never one. */
  const inShadowRoot = (parent) => parent?.nodeType === 11 && rr.isShadowRoot(parent);
  /* rrweb's untainted getter for one DOM accessor, looked up once (rrweb looks it up per call). */
  const accessor = (key, name) => {
    let get;
    return (n) => {
      if (get) return get.call(n);
      const value = rr.untaintedAccessor(key, n, name);
      get =
        rr.accessorCache[key]?.[name] ??
        function () {
          return this[name];
        };
      return value;
    };
  };
  const firstChildOf = accessor("Node", "firstChild");
  const nextSiblingOf = accessor("Node", "nextSibling");
  const parentNodeOf = accessor("Node", "parentNode");
  const textContentOf = accessor("Node", "textContent");
  const shadowRootOf = accessor("Element", "shadowRoot");
  /*
   * What rrweb's serializeNodeWithId decides for needsMask: the parent's answer, else needMaskingText
   * (ancestors checked only at the top of a walk), here without its DOM reads for the common
   * options (a class, no selector). `el` is the element whose class counts: the node itself, or a
   * text node's parent element.
   */
  const needsMaskOf = (n, el, childCount, options) => {
    const { needsMask, maskTextClass, maskTextSelector } = options;
    if (needsMask) return needsMask;
    const checkAncestors = needsMask === undefined;
    if (checkAncestors || typeof maskTextClass !== "string" || maskTextSelector) return rr.needMaskingText(n, maskTextClass, maskTextSelector, checkAncestors);
    if (!el || !childCount) return false;
    try {
      return el.classList.contains(maskTextClass);
    } catch {
      return false;
    }
  };

  const element = (n, options) => {
    const { doc, mirror } = options;
    if (rr.isBlocked(n, options.blockClass, options.blockSelector)) return undefined;
    const tagName = rr.getValidTagName(n);
    if (special.has(tagName) || shadowRootOf(n) || inShadowRoot(parentNodeOf(n))) return undefined;
    const firstChild = firstChildOf(n);
    const needsMask = needsMaskOf(n, n, firstChild ? 1 : 0, options);
    const rootId = rootIdFor(options);
    const attributes = {};
    /* ignoreAttribute only drops autoplay from audio and video, which rrweb serializes itself. */
    const attrs = n.attributes;
    for (let i = 0, len = attrs.length; i < len; i++) {
      const attr = attrs[i];
      const name = attr.name;
      attributes[name] = rr.transformAttribute(doc, tagName, rr.toLowerCase(name), attr.value);
    }
    if (!options.newlyAddedElement) {
      if (n.scrollLeft) attributes.rr_scrollLeft = n.scrollLeft;
      if (n.scrollTop) attributes.rr_scrollTop = n.scrollTop;
    }
    /* A custom element's name has a hyphen: for any other tag customElements.get is undefined. */
    let isCustom;
    if (tagName.includes("-")) {
      try {
        if (customElements.get(tagName)) isCustom = true;
      } catch {}
    }
    const serialized = { type: rr.NodeType.Element, tagName, attributes, childNodes: [], isSVG: rr.isSVGElement(n) || undefined, rootId, isCustom, id: 0 };
    serialized.id = idFor(n, mirror, rr.slimDOMExcluded(serialized, options.slimDOMOptions));
    if (finish(n, options, serialized) === null) return null;
    if (!options.skipChild) {
      const forChildren = childOptions(options, needsMask);
      /* The walk changes no DOM (as in rrweb's loop over the live childNodes), so siblings are the same list. */
      for (let child = firstChild; child; child = nextSiblingOf(child)) {
        const serializedChild = rr.serializeNodeWithId(child, forChildren);
        if (serializedChild) serialized.childNodes.push(serializedChild);
      }
    }
    return serialized;
  };

  const text = (n, options) => {
    const parent = parentNodeOf(n);
    const parentTagName = parent?.tagName;
    if (parentTagName === "STYLE" || parentTagName === "SCRIPT" || inShadowRoot(parent)) return undefined;
    const { mirror } = options;
    /* A text node's parentElement is its parent when that is an element. */
    const parentElement = parent?.nodeType === 1 ? parent : null;
    const needsMask = needsMaskOf(n, parentElement, 1, options);
    const rootId = rootIdFor(options);
    let textContent = options.cssCaptured ? "" : textContentOf(n);
    if (textContent && needsMask) textContent = options.maskTextFn ? options.maskTextFn(textContent, parentElement) : textContent.replace(/[\S]/g, "*");
    const serialized = { type: rr.NodeType.Text, textContent: textContent || "", rootId, id: 0 };
    /* slimDOMExcluded never excludes text; only whitespace in head (preserveWhiteSpace false) goes. */
    const blank = options.preserveWhiteSpace === false && !serialized.textContent.replace(/^\s+|\s+$/gm, "").length;
    serialized.id = idFor(n, mirror, blank);
    return finish(n, options, serialized);
  };

  return (n, options) => (n.nodeType === 1 ? element(n, options) : n.nodeType === 3 ? text(n, options) : undefined);
}

const helpers = `{ specialTags: ${JSON.stringify(SPECIAL_TAGS)}, NodeType: NodeType$3, untaintedAccessor: getUntaintedAccessor$2, accessorCache: untaintedAccessorCache$2, genId, getRootId, needMaskingText,
  isBlocked: _isBlockedElement, getValidTagName: getValidTagName$1, transformAttribute, toLowerCase, isSVGElement, slimDOMExcluded,
  isShadowRoot, serializeNodeWithId }`;
// On one line each, so that rrweb's own source map (chained by esbuild, by line) still holds.
const oneLine = (source) => {
  if (/^\s*\/\//m.test(source)) throw new Error("rrweb-fast-serialize: a line comment would swallow the rest of the line");
  return source.replace(/\s*\n\s*/g, " ");
};

/** [what, pattern, replacement, matches expected in rrweb 2.2.2] */
export const FAST_SERIALIZE_REWRITES = [
  [
    "the fast serializer is defined next to rrweb's",
    /^function snapshot\(n, options\) \{$/m,
    () => `var serializeNodeWithIdFast = (${oneLine(makeFastSerializer.toString())})(${oneLine(helpers)}); function snapshot(n, options) {`,
    1,
  ],
  [
    "rrweb's serializer hands plain elements and text to the fast one",
    /^function serializeNodeWithId\(n, options\) \{$/m,
    "function serializeNodeWithId(n, options) { const fast = serializeNodeWithIdFast(n, options); if (fast !== void 0) return fast;",
    1,
  ],
];
