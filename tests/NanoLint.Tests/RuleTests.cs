using static NanoLint.Tests.FixtureLint;

namespace NanoLint.Tests;

public class RuleTests
{
    [Fact]
    public void CleanDeviceCodeHasNoFindings()
    {
        var findings = Run("""
            using System;
            using System.Collections;
            using System.Threading;

            namespace Demo
            {
                public enum Mode { Off, On }

                public struct Reading
                {
                    public int Value { get; init; }
                    public override string ToString() => $"reading {Value}";
                }

                public sealed class Sensor : IDisposable
                {
                    private static readonly int[][] Table;
                    private readonly ArrayList _readings = new ArrayList();
                    private readonly object _gate = new object();

                    static Sensor() => Table = new[] { new[] { 1, 2 }, new[] { 3 } };

                    ~Sensor() => Dispose();

                    public event EventHandler Changed;

                    public Mode Mode { get; set; }

                    public void Add(Reading reading)
                    {
                        lock (_gate)
                        {
                            _readings.Add(reading);
                        }

                        Changed?.Invoke(this, EventArgs.Empty);
                    }

                    public int Sum()
                    {
                        var sum = 0;
                        foreach (Reading reading in _readings)
                        {
                            sum += reading.Value;
                        }

                        return checked(sum + Table[0][1]);
                    }

                    public string Describe(object value) => value switch
                    {
                        string text when text.Length > 3 => "long " + text,
                        int number => "number " + number.ToString(),
                        _ => "other",
                    };

                    public static int Code(string command)
                    {
                        switch (command)
                        {
                            case "get": return 1;
                            case "put": return 2;
                            case "delete": return 3;
                            case "head": return 4;
                            case "post": return 5;
                            case "patch": return 6;
                            case "options": return 7;
                            default: return command.Length;
                        }
                    }

                    public static string Report(int a, long b, double c, string d, char e)
                    {
                        var letters = 0;
                        for (var i = 0; i < d.Length; i++)
                        {
                            letters += d[i] == 'a' ? 1 : 0;
                        }

                        using (var sensor = new Sensor())
                        {
                            return $"{a} {b:X} {c:F2} {d ?? "none"} {e} {letters} {sensor.Mode}";
                        }
                    }

                    public void Start()
                    {
                        ThreadStart work = () => Mode = Mode.On;
                        new Thread(work).Start();
                    }

                    public void Dispose()
                    {
                        try
                        {
                            _readings.Clear();
                        }
                        catch (InvalidOperationException exception)
                        {
                            throw new ArgumentException("cannot dispose", exception);
                        }
                    }
                }
            }
            """);

        Assert.Empty(findings);
    }

    [Fact]
    public void GenericDefinitionsAreFound()
    {
        var findings = Run("""
            namespace Demo
            {
                public class Box<T> { public T Value; }

                public static class Util
                {
                    public static T Id<T>(T value) => value;
                }
            }
            """);

        AssertFinding(findings, "generic-definition", "Demo.Box`1");
        AssertFinding(findings, "generic-definition", "Demo.Util::Id");
    }

    [Fact]
    public void CompilerGeneratedGenericClosuresAreFound()
    {
        var findings = Run("""
            namespace Demo
            {
                public static class Closures
                {
                    public static System.Action Capture<T>(T value) => () => value.ToString();
                }
            }
            """);

        Assert.Contains(findings, finding => finding.Rule == "generic-definition" && finding.Location.StartsWith("Demo.Closures/<>c__DisplayClass", StringComparison.Ordinal));
    }

    [Fact]
    public void GenericInstantiationsInSignaturesAreFound()
    {
        var findings = Run("""
            namespace Demo
            {
                public class Holder
                {
                    public System.Action<int> Handler;

                    public System.Func<int, int> Make(System.Func<int> seed) => x => x + seed();
                }
            }
            """);

        AssertFinding(findings, "generic-instantiation", "Demo.Holder::Handler", "System.Action`1<System.Int32>");
        AssertFinding(findings, "generic-instantiation", "Demo.Holder::Make", "System.Func`2<System.Int32, System.Int32>");
    }

    [Fact]
    public void GenericInstantiationsOnlyInILAreFound()
    {
        // Neither method's signature nor locals name a generic type: the instantiations are IL operands only, a
        // MemberRef on Func`1<int32> and a MethodSpec the compiler infers for Id(7).
        var findings = Run("""
            namespace Demo
            {
                public static class IlOnly
                {
                    public static int Call() => new System.Func<int>(Seven).Invoke();

                    public static int Infer() => Id(7);

                    private static int Seven() => 7;

                    private static T Id<T>(T value) => value;
                }
            }
            """);

        AssertFinding(findings, "generic-instantiation", "Demo.IlOnly::Call", "System.Func`1<System.Int32>");
        AssertFinding(findings, "generic-instantiation", "Demo.IlOnly::Infer", "Demo.IlOnly::Id<System.Int32>");
    }

    [Fact]
    public void MultidimensionalArraysAreFound()
    {
        var findings = Run("""
            namespace Demo
            {
                public class Grid
                {
                    public int[,] Cells;

                    public static int Corner()
                    {
                        var cells = new int[2, 3];
                        return cells[1, 2];
                    }
                }
            }
            """);

        AssertFinding(findings, "multidimensional-array", "Demo.Grid::Cells", "System.Int32[,]");
        AssertFinding(findings, "multidimensional-array", "Demo.Grid::Corner", "System.Int32[,]");
    }

    [Fact]
    public void PointersAndStackallocAreFound()
    {
        var findings = Run("""
            namespace Demo
            {
                public static unsafe class Native
                {
                    public static int Read(int* pointer) => *pointer;

                    public static int Stack()
                    {
                        int* buffer = stackalloc int[4];
                        buffer[1] = 2;
                        return Read(buffer + 1);
                    }

                    public static int Indirect(delegate*<int> function) => function();
                }
            }
            """);

        AssertFinding(findings, "pointer", "Demo.Native::Read", "System.Int32*");
        AssertFinding(findings, "unsupported-opcode", "Demo.Native::Stack", "localloc");
        AssertFinding(findings, "pointer", "Demo.Native::Indirect", "method System.Int32 ()<0>");
        AssertFinding(findings, "unsupported-opcode", "Demo.Native::Indirect", "calli");
    }

    [Fact]
    public void TypedReferencesAreFound()
    {
        var findings = Run("""
            namespace Demo
            {
                public static class Refs
                {
                    public static int Read(System.TypedReference reference) => __refvalue(reference, int);

                    public static int RoundTrip(int value) => Read(__makeref(value));
                }
            }
            """);

        AssertFinding(findings, "typed-reference", "Demo.Refs::Read", "System.TypedReference");
        AssertFinding(findings, "unsupported-opcode", "Demo.Refs::Read", "refanyval");
        AssertFinding(findings, "unsupported-opcode", "Demo.Refs::RoundTrip", "mkrefany");
    }

    [Fact]
    public void VarArgsAreFound()
    {
        var findings = Run("""
            namespace Demo
            {
                public static class Variadic
                {
                    public static void Log(__arglist)
                    {
                    }

                    public static void Caller() => Log(__arglist(1, "two"));
                }
            }
            """);

        AssertFinding(findings, "varargs", "Demo.Variadic::Log");
    }

    [Fact]
    public void PInvokeIsFound()
    {
        // mscorlib 1.17.11 has no DllImportAttribute; the compiler honours one declared in source.
        var findings = Run("""
            namespace System.Runtime.InteropServices
            {
                public sealed class DllImportAttribute : Attribute
                {
                    public DllImportAttribute(string dllName) { }
                }
            }

            namespace Demo
            {
                public static class Libc
                {
                    [System.Runtime.InteropServices.DllImport("libc")]
                    public static extern int getpid();
                }
            }
            """);

        AssertFinding(findings, "pinvoke", "Demo.Libc::getpid", "libc");
    }

    [Fact]
    public void ExplicitLayoutIsFound()
    {
        var findings = Run("""
            using System.Runtime.InteropServices;

            namespace Demo
            {
                [StructLayout(LayoutKind.Explicit)]
                public struct Union
                {
                }
            }
            """);

        AssertFinding(findings, "explicit-layout", "Demo.Union");
    }

    [Fact]
    public void ArrayInitializerDataIsNotExplicitLayout()
    {
        var findings = Run("""
            namespace Demo
            {
                public static class Table
                {
                    private static readonly uint[] s_values = new uint[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

                    public static uint At(int i) => s_values[i];
                }
            }
            """);

        Assert.Empty(findings);
    }
}
