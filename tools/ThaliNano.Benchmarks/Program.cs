using BenchmarkDotNet.Running;
using ThaliNano.Benchmarks.Replication;

// "replication" runs the PouchDB replication table (Replication/ReplicationBenchmark.cs); everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "replication")
{
    return ReplicationBenchmark.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
