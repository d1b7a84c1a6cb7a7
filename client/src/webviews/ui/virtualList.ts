// A windowed list of fixed-height rows: only the rows in view (plus a margin) are in the DOM,
// so 50,000 events scroll like 50. Fixed heights keep it this small (see the report's note on
// why no library).
export class VirtualList {
  private count = 0;
  private readonly spacer: HTMLDivElement;
  private readonly rows = new Map<number, HTMLElement>();
  private frame = 0;

  constructor(
    readonly viewport: HTMLElement,
    private readonly rowHeight: number,
    private readonly renderRow: (index: number) => HTMLElement,
  ) {
    this.spacer = document.createElement('div');
    this.spacer.className = 'vl-spacer';
    viewport.appendChild(this.spacer);
    viewport.addEventListener('scroll', () => this.schedule());
    new ResizeObserver(() => this.schedule()).observe(viewport);
  }

  /** New row count; `rerender` redraws rows whose content may have changed. */
  setCount(count: number, rerender = true): void {
    this.count = count;
    this.spacer.style.height = `${count * this.rowHeight}px`;
    if (rerender) this.clear();
    this.schedule();
  }

  refresh(): void {
    this.clear();
    this.draw();
  }

  scrollToIndex(index: number): void {
    const top = index * this.rowHeight;
    const view = this.viewport;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (top + this.rowHeight > view.scrollTop + view.clientHeight)
      view.scrollTop = top + this.rowHeight - view.clientHeight;
    this.draw();
  }

  /** Rows a page-up/down moves. */
  pageSize(): number {
    return Math.max(1, Math.floor(this.viewport.clientHeight / this.rowHeight) - 1);
  }

  private clear(): void {
    for (const row of this.rows.values()) row.remove();
    this.rows.clear();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const margin = 10;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / this.rowHeight) - margin);
    const last = Math.min(
      this.count - 1,
      Math.ceil((this.viewport.scrollTop + this.viewport.clientHeight) / this.rowHeight) + margin,
    );
    for (const [i, row] of this.rows) {
      if (i < first || i > last) {
        row.remove();
        this.rows.delete(i);
      }
    }
    for (let i = first; i <= last; i++) {
      if (this.rows.has(i)) continue;
      const row = this.renderRow(i);
      row.style.position = 'absolute';
      row.style.top = `${i * this.rowHeight}px`;
      row.style.height = `${this.rowHeight}px`;
      row.style.left = '0';
      row.style.right = '0';
      this.spacer.appendChild(row);
      this.rows.set(i, row);
    }
  }
}
