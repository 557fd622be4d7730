/** The server and token the clerk entered (never in the workbook). */
export interface Connection {
  serverUrl: string;
  token: string;
}

export interface SavedConnection {
  connection: Connection;
  /** Kept past this browser session (记住我, or the pane, which always keeps it). */
  remembered: boolean;
}

/**
 * Where the connection is kept. `remembered` (localStorage) outlives the browser session; `session`
 * (sessionStorage) is forgotten when the tab closes — the web page's default, since a clerk may sign
 * in on a shared computer; the pane has none and always remembers, per Office installation.
 * localStorage is shared between add-ins of a host unless keyed by Office.context.partitionKey.
 */
export class ConnectionStore {
  constructor(
    private readonly storages: { remembered: Storage; session?: Storage },
    private readonly partitionKey: string,
  ) {}

  private get key(): string {
    return `${this.partitionKey}tianbao.connection`;
  }

  /** Whether the clerk chooses where it is kept (the page: 记住我); else it is always remembered. */
  get canForget(): boolean {
    return this.storages.session !== undefined;
  }

  load(): SavedConnection | undefined {
    const remembered = this.read(this.storages.remembered);
    if (remembered) return { connection: remembered, remembered: true };
    const session = this.storages.session && this.read(this.storages.session);
    return session ? { connection: session, remembered: false } : undefined;
  }

  /** Keeps it in one place only: ticking 记住我 off again leaves no copy in localStorage. */
  save(connection: Connection, remember: boolean): void {
    const { session } = this.storages;
    const [keep, drop] = remember || !session ? [this.storages.remembered, session] : [session, this.storages.remembered];
    keep.setItem(this.key, JSON.stringify(connection));
    drop?.removeItem(this.key);
  }

  /** 退出 / 断开: forgotten everywhere. */
  clear(): void {
    this.storages.remembered.removeItem(this.key);
    this.storages.session?.removeItem(this.key);
  }

  private read(storage: Storage): Connection | undefined {
    try {
      const saved = JSON.parse(storage.getItem(this.key) ?? "null") as Connection | null;
      return saved?.serverUrl && saved.token ? saved : undefined;
    } catch {
      return undefined;
    }
  }
}
