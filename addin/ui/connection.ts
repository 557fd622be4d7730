/** The server and token the clerk entered once, kept per Office installation (never in the workbook). */
export interface Connection {
  serverUrl: string;
  token: string;
}

/** localStorage is shared between add-ins of a host unless keyed by Office.context.partitionKey. */
export class ConnectionStore {
  constructor(
    private readonly storage: Storage,
    private readonly partitionKey: string,
  ) {}

  private get key(): string {
    return `${this.partitionKey}tianbao.connection`;
  }

  load(): Connection | undefined {
    try {
      const saved = JSON.parse(this.storage.getItem(this.key) ?? "null") as Connection | null;
      return saved?.serverUrl && saved.token ? saved : undefined;
    } catch {
      return undefined;
    }
  }

  save(connection: Connection): void {
    this.storage.setItem(this.key, JSON.stringify(connection));
  }

  clear(): void {
    this.storage.removeItem(this.key);
  }
}
