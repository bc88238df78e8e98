using Microsoft.Data.Sqlite;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;

namespace ThaliNano.Carrier.Storage;

/// <summary>
/// A carrier's durable state in one SQLite file (WAL, synchronous FULL: a committed transaction survives a crash or a
/// power cut): the bundles it holds, the receipts it knows, the custody acknowledgements it owes and the copies it
/// offered, and counters. Every change is one transaction; <see cref="Take"/> returns only after the bundle is committed,
/// so a node acknowledges custody of nothing that could still be lost. Thread-safe (one connection behind a lock).
/// </summary>
public sealed class CarrierStore : IDisposable
{
    public const string FileName = "carrier.db";
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PrivateFolderMode = PrivateFileMode | UnixFileMode.UserExecute;

    private const int SchemaVersion = 1;
    private const string BundleColumns = "source, seq, destination_hint, copies, hop_count, expires_at, received_at, from_peer, size";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private SqliteTransaction? _transaction;

    private CarrierStore(SqliteConnection connection, CarrierLimits limits, string path)
    {
        _connection = connection;
        Limits = limits;
        FilePath = path;
    }

    public CarrierLimits Limits { get; }

    public string FilePath { get; }

    /// <summary>Opens (or creates) the store in <paramref name="folder"/>: the folder 0700, the database file 0600 on Unix.</summary>
    public static CarrierStore Open(string folder, CarrierLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        limits ??= new CarrierLimits();
        limits.Validate();
        folder = Path.GetFullPath(folder);
        string path = Path.Combine(folder, FileName);
        CreatePrivate(folder, path);

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            var store = new CarrierStore(connection, limits, path);
            store.Initialize();
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// When a bundle stops being worth carrying, in DTN seconds of this carrier's clock: its creation time plus its
    /// lifetime when the source had a clock, else now plus the lifetime the age leaves.
    /// </summary>
    public static long ExpiryOf(BundleHeader header, long now)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header.HasClock ? header.CreationTime + header.LifetimeSeconds : now + header.LifetimeSeconds - header.AgeSeconds;
    }

    /// <summary>
    /// Stores a bundle (its header parsed from <paramref name="wire"/>) and records the custody acknowledgement owed to
    /// <paramref name="from"/>, in one transaction, making room by the drop order when the buffer is full (README,
    /// "Drop policy"). Refusals change no bundle.
    /// </summary>
    public StoreOutcome Take(byte[] wire, BundleHeader header, PublicKeyId from, long now)
    {
        ArgumentNullException.ThrowIfNull(wire);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(from);
        byte[] source = header.Source.ToByteArray();
        long expiresAt = ExpiryOf(header, now);
        return InTransaction(() =>
        {
            if (IsReceipted(header.Source, header.CreationSequence))
            {
                Count(CarrierCounter.BundlesRefused, 1);
                return StoreOutcome.Receipted;
            }

            if (KeepLargerCopies(source, header))
            {
                OweAck(from, source, header.CreationSequence, header.Copies);
                Count(CarrierCounter.DuplicatesTaken, 1);
                return StoreOutcome.AlreadyHeld;
            }

            StoreOutcome room = MakeRoom(wire.Length, header.Copies, expiresAt, now);
            if (room != StoreOutcome.Stored)
            {
                Count(CarrierCounter.BundlesRefused, 1);
                return room;
            }

            Execute("INSERT INTO bundles (" + BundleColumns + ", wire) VALUES ($s, $q, $d, $c, $h, $e, $r, $f, $z, $w)",
                ("$s", source), ("$q", header.CreationSequence), ("$d", header.GetDestinationHint()), ("$c", header.Copies),
                ("$h", header.HopCount), ("$e", expiresAt), ("$r", now), ("$f", from.ToByteArray()), ("$z", wire.Length), ("$w", wire));
            OweAck(from, source, header.CreationSequence, header.Copies);
            Count(CarrierCounter.BundlesStored, 1);
            return StoreOutcome.Stored;
        });
    }

    /// <summary>Every held bundle, oldest received first.</summary>
    public IReadOnlyList<HeldBundle> Held()
    {
        lock (_gate)
        {
            using SqliteCommand command = Command("SELECT " + BundleColumns + " FROM bundles ORDER BY received_at, id");
            return ReadHeld(command);
        }
    }

    public HeldBundle? Find(PublicKeyId source, long creationSequence)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_gate)
        {
            using SqliteCommand command = Command("SELECT " + BundleColumns + " FROM bundles WHERE source = $s AND seq = $q",
                ("$s", source.ToByteArray()), ("$q", creationSequence));
            return ReadHeld(command).FirstOrDefault();
        }
    }

    /// <summary>The sealed bytes as received; null when the bundle is not held.</summary>
    public byte[]? ReadWire(PublicKeyId source, long creationSequence)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_gate)
        {
            using SqliteCommand command = Command("SELECT wire FROM bundles WHERE source = $s AND seq = $q",
                ("$s", source.ToByteArray()), ("$q", creationSequence));
            return command.ExecuteScalar() as byte[];
        }
    }

    /// <summary>
    /// Remembers copies handed to <paramref name="peer"/> and how many of the held copies its acknowledgement removes
    /// (<see cref="Acknowledge"/>). A later offer of the same bundle to the same peer replaces the earlier one.
    /// </summary>
    public void RecordOffers(PublicKeyId peer, IReadOnlyList<PendingOffer> offers)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(offers);
        if (offers.Count == 0)
        {
            return;
        }

        InTransaction(() =>
        {
            foreach (PendingOffer offer in offers)
            {
                Execute("INSERT INTO offers (peer, source, seq, reduction) VALUES ($p, $s, $q, $n) "
                    + "ON CONFLICT (peer, source, seq) DO UPDATE SET reduction = excluded.reduction",
                    ("$p", peer.ToByteArray()), ("$s", offer.Source.ToByteArray()), ("$q", offer.CreationSequence), ("$n", offer.Reduction));
            }

            Count(CarrierCounter.CopiesOffered, offers.Count);
            return 0;
        });
    }

    /// <summary>
    /// <paramref name="peer"/> acknowledged custody of a bundle offered to it: the held copies drop by the offer's
    /// reduction, and a bundle left with none is deleted (custody moved on). Returns the copies left, or null when no
    /// offer to that peer was outstanding (a repeated or unsolicited acknowledgement changes nothing).
    /// </summary>
    public int? Acknowledge(PublicKeyId peer, PublicKeyId source, long creationSequence)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(source);
        return InTransaction<int?>(() =>
        {
            var key = new (string, object)[] { ("$p", peer.ToByteArray()), ("$s", source.ToByteArray()), ("$q", creationSequence) };
            if (Scalar("SELECT reduction FROM offers WHERE peer = $p AND source = $s AND seq = $q", key) is not long reduction)
            {
                return null;
            }

            Execute("DELETE FROM offers WHERE peer = $p AND source = $s AND seq = $q", key);
            Count(CarrierCounter.CustodyAcknowledged, 1);
            if (Scalar("SELECT copies FROM bundles WHERE source = $s AND seq = $q", key) is not long copies)
            {
                return 0;
            }

            long left = Math.Max(0, copies - reduction);
            if (left == 0)
            {
                Execute("DELETE FROM bundles WHERE source = $s AND seq = $q", key);
                ForgetOrphanOffers();
                Count(CarrierCounter.DroppedHandedOver, 1);
            }
            else
            {
                Execute("UPDATE bundles SET copies = $c WHERE source = $s AND seq = $q", [.. key, ("$c", left)]);
            }

            return (int)left;
        });
    }

    /// <summary>Custody acknowledgements owed to <paramref name="peer"/>, oldest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<CustodyAck> AcksOwed(PublicKeyId peer, int max)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_gate)
        {
            using SqliteCommand command = Command("SELECT source, seq, copies FROM acks_owed WHERE peer = $p ORDER BY id LIMIT $m",
                ("$p", peer.ToByteArray()), ("$m", max));
            using SqliteDataReader reader = command.ExecuteReader();
            var acks = new List<CustodyAck>();
            while (reader.Read())
            {
                acks.Add(new CustodyAck(PublicKeyId.FromHash(reader.GetFieldValue<byte[]>(0)), reader.GetInt64(1), reader.GetInt32(2)));
            }

            return acks;
        }
    }

    /// <summary>The peer received these acknowledgements; one owed meanwhile with other copies (the bundle came again with more) stays owed.</summary>
    public void AcksDelivered(PublicKeyId peer, IEnumerable<CustodyAck> acks)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(acks);
        InTransaction(() =>
        {
            foreach (CustodyAck ack in acks)
            {
                Execute("DELETE FROM acks_owed WHERE peer = $p AND source = $s AND seq = $q AND copies = $c",
                    ("$p", peer.ToByteArray()), ("$s", ack.Source.ToByteArray()), ("$q", ack.CreationSequence), ("$c", ack.Copies));
            }

            return 0;
        });
    }

    /// <summary>
    /// Takes a receipt a peer carried (parsed, not verifiable here): keeps it when it is preferred over the one known
    /// for its (source, destination) (<see cref="ReceiptPreference"/>) and drops every held bundle of its source whose
    /// creation sequence it claims. Returns whether it was kept.
    /// </summary>
    public bool TakeReceipt(byte[] wire, Receipt receipt, long now)
    {
        ArgumentNullException.ThrowIfNull(wire);
        ArgumentNullException.ThrowIfNull(receipt);
        byte[] source = receipt.Source.ToByteArray();
        byte[] destination = receipt.Destination.ToByteArray();
        return InTransaction(() =>
        {
            Count(CarrierCounter.ReceiptsTaken, 1);
            byte[]? keptWire = Scalar("SELECT wire FROM receipts WHERE source = $s AND destination = $d", ("$s", source), ("$d", destination)) as byte[];
            bool keep = keptWire == null || Receipt.TryParse(keptWire, out Receipt kept) != ReceiptRejection.None
                || ReceiptPreference.Prefer(receipt, kept);
            if (keep)
            {
                Execute("INSERT INTO receipts (source, destination, issue_time, received_at, wire) VALUES ($s, $d, $i, $r, $w) "
                    + "ON CONFLICT (source, destination) DO UPDATE SET issue_time = excluded.issue_time, received_at = excluded.received_at, wire = excluded.wire",
                    ("$s", source), ("$d", destination), ("$i", receipt.IssueTime), ("$r", now), ("$w", wire));
                Execute("DELETE FROM receipts WHERE rowid IN (SELECT rowid FROM receipts ORDER BY received_at, rowid "
                    + "LIMIT max(0, (SELECT COUNT(*) FROM receipts) - $m))", ("$m", Limits.MaxReceipts));
                Count(CarrierCounter.ReceiptsKept, 1);
            }

            DropCovered(source, receipt.Bundles);
            return keep;
        });
    }

    /// <summary>The receipts kept, newest issue time first.</summary>
    public IReadOnlyList<KnownReceipt> Receipts()
    {
        lock (_gate)
        {
            using SqliteCommand command = Command("SELECT wire FROM receipts ORDER BY issue_time DESC, rowid");
            using SqliteDataReader reader = command.ExecuteReader();
            var receipts = new List<KnownReceipt>();
            while (reader.Read())
            {
                byte[] wire = reader.GetFieldValue<byte[]>(0);
                if (Receipt.TryParse(wire, out Receipt receipt) == ReceiptRejection.None)
                {
                    receipts.Add(new KnownReceipt(receipt, wire));
                }
            }

            return receipts;
        }
    }

    /// <summary>Deletes the bundles expired at <paramref name="now"/>; returns how many.</summary>
    public int PurgeExpired(long now) => InTransaction(() => DropExpired(now));

    public CarrierStatistics Statistics()
    {
        lock (_gate)
        {
            var counters = new Dictionary<CarrierCounter, long>();
            using (SqliteCommand command = Command("SELECT name, value FROM counters"))
            using (SqliteDataReader reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (Enum.TryParse(reader.GetString(0), out CarrierCounter counter))
                    {
                        counters[counter] = reader.GetInt64(1);
                    }
                }
            }

            (long bundles, long bytes) = Occupancy();
            return new CarrierStatistics(
                (int)bundles,
                bytes,
                (int)(long)Scalar("SELECT COUNT(*) FROM receipts")!,
                (int)(long)Scalar("SELECT COUNT(*) FROM acks_owed")!,
                (int)(long)Scalar("SELECT COUNT(*) FROM offers")!,
                counters);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private static void CreatePrivate(string folder, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, PrivateFolderMode);
        File.SetUnixFileMode(folder, PrivateFolderMode);
        if (!File.Exists(path))
        {
            new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFileMode }).Dispose();
        }

        // SQLite gives the -wal and -shm files the database file's mode.
        File.SetUnixFileMode(path, PrivateFileMode);
    }

    private void Initialize()
    {
        if (Scalar("PRAGMA journal_mode = WAL") as string != "wal")
        {
            throw new InvalidOperationException("SQLite refused write-ahead logging for " + FilePath);
        }

        Execute("PRAGMA synchronous = FULL");
        long version = (long)Scalar("PRAGMA user_version")!;
        if (version == SchemaVersion)
        {
            return;
        }

        if (version != 0)
        {
            throw new InvalidDataException(FilePath + " has schema version " + version + "; this library reads version " + SchemaVersion);
        }

        InTransaction(() =>
        {
            Execute("""
                CREATE TABLE bundles (
                    id INTEGER PRIMARY KEY,
                    source BLOB NOT NULL,
                    seq INTEGER NOT NULL,
                    destination_hint BLOB NOT NULL,
                    copies INTEGER NOT NULL,
                    hop_count INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    received_at INTEGER NOT NULL,
                    from_peer BLOB NOT NULL,
                    size INTEGER NOT NULL,
                    wire BLOB NOT NULL,
                    UNIQUE (source, seq));
                CREATE INDEX bundles_by_destination ON bundles (destination_hint);
                CREATE INDEX bundles_by_expiry ON bundles (expires_at);
                CREATE INDEX bundles_by_drop_order ON bundles (copies, expires_at, received_at, id);
                CREATE TABLE receipts (
                    source BLOB NOT NULL,
                    destination BLOB NOT NULL,
                    issue_time INTEGER NOT NULL,
                    received_at INTEGER NOT NULL,
                    wire BLOB NOT NULL,
                    PRIMARY KEY (source, destination));
                CREATE TABLE acks_owed (
                    id INTEGER PRIMARY KEY,
                    peer BLOB NOT NULL,
                    source BLOB NOT NULL,
                    seq INTEGER NOT NULL,
                    copies INTEGER NOT NULL,
                    UNIQUE (peer, source, seq));
                CREATE TABLE offers (
                    peer BLOB NOT NULL,
                    source BLOB NOT NULL,
                    seq INTEGER NOT NULL,
                    reduction INTEGER NOT NULL,
                    PRIMARY KEY (peer, source, seq));
                CREATE INDEX offers_by_bundle ON offers (source, seq);
                CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
                """);
            Execute("PRAGMA user_version = " + SchemaVersion);
            return 0;
        });
    }

    private bool IsReceipted(PublicKeyId source, long creationSequence)
    {
        using SqliteCommand command = Command("SELECT wire FROM receipts WHERE source = $s", ("$s", source.ToByteArray()));
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (Receipt.TryParse(reader.GetFieldValue<byte[]>(0), out Receipt receipt) == ReceiptRejection.None
                && receipt.Bundles.Contains(creationSequence))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A bundle already held stays one bundle with the larger of the two copy counts: taking the same hand-over twice
    /// (a resent frame) changes nothing, so custody stays idempotent and no spray copies are invented.
    /// </summary>
    private bool KeepLargerCopies(byte[] source, BundleHeader header)
    {
        return Execute("UPDATE bundles SET copies = max(copies, $c), hop_count = min(hop_count, $h) WHERE source = $s AND seq = $q",
            ("$c", header.Copies), ("$h", header.HopCount), ("$s", source), ("$q", header.CreationSequence)) > 0;
    }

    /// <summary>
    /// Room for a bundle of <paramref name="size"/> bytes ranked (copies, expiry): expired bundles go first, then held
    /// ones that rank strictly below it, lowest first. When that is not enough nothing but the expired is dropped.
    /// </summary>
    private StoreOutcome MakeRoom(int size, int copies, long expiresAt, long now)
    {
        if (size > Limits.MaxBytes)
        {
            return StoreOutcome.TooLarge;
        }

        (long count, long bytes) = Occupancy();
        if (count + 1 <= Limits.MaxBundles && bytes + size <= Limits.MaxBytes)
        {
            return StoreOutcome.Stored;
        }

        DropExpired(now);
        (count, bytes) = Occupancy();
        var victims = new List<long>();
        using (SqliteCommand command = Command("SELECT id, size, copies, expires_at FROM bundles ORDER BY copies, expires_at, received_at, id"))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while ((count + 1 > Limits.MaxBundles || bytes + size > Limits.MaxBytes) && reader.Read())
            {
                int heldCopies = reader.GetInt32(2);
                long heldExpiry = reader.GetInt64(3);
                if (heldCopies > copies || (heldCopies == copies && heldExpiry >= expiresAt))
                {
                    return StoreOutcome.BufferFull;
                }

                victims.Add(reader.GetInt64(0));
                count--;
                bytes -= reader.GetInt64(1);
            }
        }

        if (count + 1 > Limits.MaxBundles || bytes + size > Limits.MaxBytes)
        {
            return StoreOutcome.BufferFull;
        }

        foreach (long id in victims)
        {
            Execute("DELETE FROM bundles WHERE id = $i", ("$i", id));
        }

        ForgetOrphanOffers();
        Count(CarrierCounter.DroppedForRoom, victims.Count);
        return StoreOutcome.Stored;
    }

    private (long Count, long Bytes) Occupancy() =>
        ((long)Scalar("SELECT COUNT(*) FROM bundles")!, (long)Scalar("SELECT COALESCE(SUM(size), 0) FROM bundles")!);

    private int DropExpired(long now)
    {
        int dropped = Execute("DELETE FROM bundles WHERE expires_at < $n", ("$n", now));
        ForgetOrphanOffers();
        Count(CarrierCounter.DroppedExpired, dropped);
        return dropped;
    }

    private void DropCovered(byte[] source, RangeSet covered)
    {
        var ids = new List<long>();
        using (SqliteCommand command = Command("SELECT id, seq FROM bundles WHERE source = $s", ("$s", source)))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (covered.Contains(reader.GetInt64(1)))
                {
                    ids.Add(reader.GetInt64(0));
                }
            }
        }

        foreach (long id in ids)
        {
            Execute("DELETE FROM bundles WHERE id = $i", ("$i", id));
        }

        ForgetOrphanOffers();
        Count(CarrierCounter.DroppedReceipted, ids.Count);
    }

    private void ForgetOrphanOffers()
    {
        Execute("DELETE FROM offers WHERE NOT EXISTS (SELECT 1 FROM bundles b WHERE b.source = offers.source AND b.seq = offers.seq)");
    }

    private void OweAck(PublicKeyId peer, byte[] source, long creationSequence, int copies)
    {
        Execute("INSERT INTO acks_owed (peer, source, seq, copies) VALUES ($p, $s, $q, $c) "
            + "ON CONFLICT (peer, source, seq) DO UPDATE SET copies = excluded.copies",
            ("$p", peer.ToByteArray()), ("$s", source), ("$q", creationSequence), ("$c", copies));
        Execute("DELETE FROM acks_owed WHERE id IN (SELECT id FROM acks_owed ORDER BY id LIMIT max(0, (SELECT COUNT(*) FROM acks_owed) - $m))",
            ("$m", Limits.MaxAcksOwed));
    }

    private void Count(CarrierCounter counter, long delta)
    {
        if (delta != 0)
        {
            Execute("INSERT INTO counters (name, value) VALUES ($n, $d) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value",
                ("$n", counter.ToString()), ("$d", delta));
        }
    }

    private static List<HeldBundle> ReadHeld(SqliteCommand command)
    {
        using SqliteDataReader reader = command.ExecuteReader();
        var held = new List<HeldBundle>();
        while (reader.Read())
        {
            held.Add(new HeldBundle(
                PublicKeyId.FromHash(reader.GetFieldValue<byte[]>(0)),
                reader.GetInt64(1),
                reader.GetFieldValue<byte[]>(2),
                reader.GetInt32(3),
                reader.GetInt32(4),
                reader.GetInt64(5),
                reader.GetInt64(6),
                PublicKeyId.FromHash(reader.GetFieldValue<byte[]>(7)),
                reader.GetInt32(8)));
        }

        return held;
    }

    private T InTransaction<T>(Func<T> work)
    {
        lock (_gate)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
            _transaction = transaction;
            try
            {
                T result = work();
                transaction.Commit();
                return result;
            }
            finally
            {
                _transaction = null;
            }
        }
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = Command(sql, parameters);
        return command.ExecuteScalar();
    }
}
