using Microsoft.Data.Sqlite;
using ThaliNano.Identity;
using ThaliNano.Mesh.Receipts;

namespace ThaliNano.Gateway.Ledger;

/// <summary>
/// The gateway's durable record of delivered bundles: per source, the creation sequences whose revisions are in the
/// target database. SQLite with WAL and synchronous=FULL, one transaction per bundle, so a bundle recorded here
/// survives a crash or power cut. Written only after the database write succeeded: a crash between the two makes a
/// carrier deliver the bundle again, which the idempotent write absorbs. The sets are also kept in memory, with each
/// source's settled floor (<see cref="Settle"/>).
/// </summary>
public sealed class DeliveryLedger : IDisposable
{
    private const int SchemaVersion = 2;

    private readonly SqliteConnection _connection;
    private readonly object _sync = new();
    private readonly Dictionary<PublicKeyId, SequenceRanges> _received = new();
    private readonly Dictionary<PublicKeyId, long> _lastReceived = new();
    private readonly Dictionary<PublicKeyId, long> _settledBelow = new();
    private long _recordings;

    private DeliveryLedger(SqliteConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Opens (creating when missing) the ledger at <paramref name="path"/> and loads what it holds.</summary>
    public static DeliveryLedger Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
            long version = (long)Scalar(connection, "PRAGMA user_version;")!;
            if (version == 0)
            {
                Execute(connection, """
                    CREATE TABLE IF NOT EXISTS delivered (
                        source TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        database TEXT NOT NULL,
                        revisions INTEGER NOT NULL,
                        delivered_at INTEGER NOT NULL,
                        PRIMARY KEY (source, sequence)
                    ) WITHOUT ROWID;
                    PRAGMA user_version = 1;
                    """);
                version = 1;
            }

            if (version == 1)
            {
                Execute(connection, """
                    CREATE TABLE IF NOT EXISTS settled (
                        source TEXT NOT NULL PRIMARY KEY,
                        below INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    PRAGMA user_version = 2;
                    """);
            }
            else if (version != SchemaVersion)
            {
                throw new InvalidDataException($"the delivery ledger {path} has schema version {version}; this gateway reads version {SchemaVersion}");
            }

            var ledger = new DeliveryLedger(connection);
            ledger.Load();
            return ledger;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>True when the bundle (source, creation sequence) was delivered.</summary>
    public bool Contains(PublicKeyId source, long sequence)
    {
        lock (_sync)
        {
            return _received.TryGetValue(source, out SequenceRanges? ranges) && ranges.Contains(sequence);
        }
    }

    /// <summary>Records a delivered bundle durably (committed and synced on return); a repeat changes nothing.</summary>
    public void Record(PublicKeyId source, long sequence, string database, int revisions, DateTimeOffset deliveredAt)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(database);
        lock (_sync)
        {
            using SqliteCommand insert = _connection.CreateCommand();
            insert.CommandText = """
                INSERT OR IGNORE INTO delivered (source, sequence, database, revisions, delivered_at)
                VALUES ($source, $sequence, $database, $revisions, $at);
                """;
            insert.Parameters.AddWithValue("$source", source.ToBase64Url());
            insert.Parameters.AddWithValue("$sequence", sequence);
            insert.Parameters.AddWithValue("$database", database);
            insert.Parameters.AddWithValue("$revisions", revisions);
            insert.Parameters.AddWithValue("$at", deliveredAt.ToUnixTimeSeconds());
            insert.ExecuteNonQuery();
            Remember(source, sequence);
        }
    }

    /// <summary>
    /// Raises the source's settled floor to <paramref name="below"/> (<see cref="Mesh.Bundles.BundlePayload.SettledBelow"/>,
    /// from an authentic bundle): the source will never send a creation sequence below it that is not delivered already,
    /// so <see cref="Delivered"/> covers them all and receipts stay short despite re-issued bundles. Durable on return; a
    /// lower or equal floor changes nothing.
    /// </summary>
    public void Settle(PublicKeyId source, long below)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(below);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(below, RangeSet.MaxValue);
        lock (_sync)
        {
            if (below <= SettledBelow(source))
            {
                return;
            }

            using SqliteCommand upsert = _connection.CreateCommand();
            upsert.CommandText = "INSERT OR REPLACE INTO settled (source, below) VALUES ($source, $below);";
            upsert.Parameters.AddWithValue("$source", source.ToBase64Url());
            upsert.Parameters.AddWithValue("$below", below);
            upsert.ExecuteNonQuery();
            _settledBelow[source] = below;
        }
    }

    /// <summary>The source's settled floor: 0 until a bundle claimed one.</summary>
    public long SettledBelow(PublicKeyId source)
    {
        lock (_sync)
        {
            return _settledBelow.TryGetValue(source, out long below) ? below : 0;
        }
    }

    /// <summary>The sources delivered from, the most recently heard first.</summary>
    public IReadOnlyList<PublicKeyId> Sources
    {
        get
        {
            lock (_sync)
            {
                return _lastReceived.OrderByDescending(entry => entry.Value).Select(entry => entry.Key).ToArray();
            }
        }
    }

    /// <summary>
    /// What <paramref name="source"/> may count as done: every creation sequence delivered, and every one below its settled
    /// floor, as a range set of at most <paramref name="maxRanges"/> (the highest dropped); null when nothing was delivered.
    /// </summary>
    public RangeSet? Delivered(PublicKeyId source, int maxRanges)
    {
        lock (_sync)
        {
            if (!_received.TryGetValue(source, out SequenceRanges? ranges))
            {
                return null;
            }

            long below = _settledBelow.TryGetValue(source, out long floor) ? floor : 0;
            return ranges.ToRangeSet(maxRanges, below);
        }
    }

    /// <summary>Bundles delivered in all.</summary>
    public long Count
    {
        get
        {
            lock (_sync)
            {
                return _received.Values.Sum(ranges => ranges.Count);
            }
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Load()
    {
        using SqliteCommand select = _connection.CreateCommand();
        select.CommandText = "SELECT source, sequence FROM delivered ORDER BY delivered_at, sequence;";
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            Remember(PublicKeyId.ParseBase64Url(reader.GetString(0)), reader.GetInt64(1));
        }

        using SqliteCommand settled = _connection.CreateCommand();
        settled.CommandText = "SELECT source, below FROM settled;";
        using SqliteDataReader floors = settled.ExecuteReader();
        while (floors.Read())
        {
            _settledBelow[PublicKeyId.ParseBase64Url(floors.GetString(0))] = floors.GetInt64(1);
        }
    }

    private void Remember(PublicKeyId source, long sequence)
    {
        if (!_received.TryGetValue(source, out SequenceRanges? ranges))
        {
            ranges = new SequenceRanges();
            _received.Add(source, ranges);
        }

        ranges.Add(sequence);
        _lastReceived[source] = ++_recordings;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
