/** Something that holds a resource (a socket, a timer, a listener) until disposed. */
export interface Disposable {
  dispose(): void;
}

/**
 * Owns disposables and disposes them together, the last added first (as VS Code's
 * DisposableStore): what was started later may depend on what was started earlier.
 */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
      return item;
    }
    this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) item.dispose();
  }
}

export const toDisposable = (dispose: () => void): Disposable => ({ dispose });
