using ThaliNano.Store.Tests.Simulation;
using static ThaliNano.Store.Tests.Simulation.RevisionRule;

namespace ThaliNano.Store.Tests;

public class LocalAndHubTests
{
    [Fact]
    public void LocalDocumentsCountTheirRevisionsAndStayOutOfChanges()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("l");
        Assert.Null(db.GetLocal("_local/repl"));
        Assert.Equal("0-1", db.PutLocal("_local/repl", null, Utf8("{\"last_seq\":1}")));
        Assert.Throws<DocumentConflictException>(() => db.PutLocal("_local/repl", null, Utf8("{}")));
        Assert.Throws<DocumentConflictException>(() => db.PutLocal("_local/repl", "0-5", Utf8("{}")));
        Assert.Equal("0-2", db.PutLocal("_local/repl", "0-1", Utf8("{\"last_seq\":2}")));
        Assert.Equal("{\"last_seq\":2}", Str(db.GetLocal("_local/repl")!.Body));
        Assert.Throws<ArgumentException>(() => db.PutLocal("repl", null, Utf8("{}")));
        Assert.Throws<ArgumentException>(() => db.Put("_local/repl", null, Utf8("{}")));
        Assert.Null(db.Get("_local/repl"));
        Assert.False(db.GetChanges(0, 0).MoveNext());
        Assert.Equal(0, db.GetInfo().UpdateSeq);
        Assert.Equal(1, db.GetInfo().LocalDocCount);

        Assert.Throws<DocumentConflictException>(() => db.DeleteLocal("_local/repl", "0-1"));
        Assert.Equal("0-0", db.DeleteLocal("_local/repl", "0-2"));
        Assert.Null(db.GetLocal("_local/repl"));
        Assert.Equal("0-1", db.PutLocal("_local/repl", null, Utf8("{}")));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("sensors/hall-1", true)]
    [InlineData("x_$()+-/9", true)]
    [InlineData("", false)]
    [InlineData("1abc", false)]
    [InlineData("_users", false)]
    [InlineData("Upper", false)]
    [InlineData("with space", false)]
    [InlineData("dot.name", false)]
    public void DatabaseNamesFollowCouchDbRules(string name, bool valid)
    {
        Assert.Equal(valid, DatabaseNames.IsValid(name));
        using var f = new StoreFixture();
        if (valid)
        {
            f.Store.CreateDatabase(name);
            Assert.Equal(new[] { name }, f.Store.ListDatabases());
            Assert.Same(f.Store.OpenDatabase(name), f.Store.OpenDatabase(name));
        }
        else
        {
            Assert.Throws<InvalidDatabaseNameException>(() => f.Store.CreateDatabase(name));
        }
    }

    [Fact]
    public void LongAndSimilarNamesMapToDistinctSafeDirectories()
    {
        string longA = "a" + new string('b', 236) + "c";
        string longB = "a" + new string('b', 236) + "d";
        Assert.Equal(238, longA.Length);
        Assert.False(DatabaseNames.IsValid(longA + "e"));
        string[] names = [longA, longB, "a/b", "a(b", "a.2fb"[..1] + "_2fb", "a-b"];
        string[] dirs = names.Select(DatabaseNames.ToDirectoryName).ToArray();
        Assert.Equal(dirs.Length, dirs.Distinct().Count());
        Assert.All(dirs, d => Assert.True(Storage.StorageNames.IsValidName(d), d));

        using var f = new StoreFixture();
        foreach (string n in names)
        {
            f.Store.CreateDatabase(n).Put("doc", null, Utf8("{\"db\":\"" + n.Length + "\"}"));
        }

        f.Reopen();
        Assert.Equal(names.OrderBy(x => x, StringComparer.Ordinal), f.Store.ListDatabases());
        Assert.Throws<DatabaseExistsException>(() => f.Store.CreateDatabase("a/b"));
        Assert.Throws<DatabaseNotFoundException>(() => f.Store.OpenDatabase("nope"));
    }

    /// <summary>Runs <paramref name="operation"/> with a power cut at its first, second, ... event until it completes; checks every outcome.</summary>
    private static void CutAtEveryEvent(Action<DocumentStore> setup, Action<DocumentStore> operation, Action<DocumentStore, SimulatedFlash, bool> check)
    {
        for (int step = 0; ; step++)
        {
            using var f = new StoreFixture();
            setup(f.Store);
            f.Flash.CutAfter(step);
            bool done;
            try
            {
                operation(f.Store);
                done = true;
            }
            catch (PowerCutException)
            {
                done = false;
            }

            f.Flash.Disarm();
            check(f.Crash(CutMode.RandomPrefix), f.Flash, done);
            if (done)
            {
                return;
            }
        }
    }

    [Fact]
    public void CreateIsCrashSafe() => CutAtEveryEvent(
        store => store.CreateDatabase("keep").Put("k", null, Utf8("{}")),
        store => store.CreateDatabase("new/one").Put("n", null, Utf8("{}")),
        (store, _, created) =>
        {
            string[] names = store.ListDatabases();
            Assert.Contains("keep", names);
            if (names.Contains("new/one"))
            {
                store.OpenDatabase("new/one").GetInfo();
            }

            Assert.True(!created || names.Contains("new/one"));
        });

    [Fact]
    public void DeleteIsCrashSafe() => CutAtEveryEvent(
        store =>
        {
            store.CreateDatabase("keep");
            store.CreateDatabase("gone").Put("g", null, Utf8("{}"));
        },
        store => store.DeleteDatabase("gone"),
        (store, flash, deleted) =>
        {
            string[] names = store.ListDatabases();
            Assert.Contains("keep", names);
            if (names.Contains("gone"))
            {
                Assert.False(deleted);
                Assert.Equal("{}", Str(store.OpenDatabase("gone").Get("g")!.Body));
            }
            else
            {
                Assert.Single(flash.FilePaths.Select(p => p.Split('/')[0]).Distinct());
            }
        });
}
