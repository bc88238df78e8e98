using System.Reflection.Emit;
using NanoLint.Linting;

namespace NanoLint.Rules;

/// <summary>
/// IL instructions the nanoCLR 1.x interpreter does not implement: it fails them with
/// CLR_Checks::VerifyUnsupportedInstruction. Source: nf-interpreter src/CLR/Core/Interpreter.cpp, "Unsupported
/// opcodes..." (https://github.com/nanoframework/nf-interpreter, commit 13f3345a). They come from stackalloc (localloc),
/// function pointers (calli), __arglist (arglist), __makeref/__refvalue/__reftype (mkrefany, refanyval, refanytype),
/// Unsafe-style block copies (cpblk, initblk) and the readonly. prefix of generic array access.
/// </summary>
public sealed class UnsupportedOpCodeRule : ILintRule
{
    private static readonly HashSet<short> s_unsupportedOpCodes =
    [
        OpCodes.Arglist.Value,
        OpCodes.Cpblk.Value,
        OpCodes.Jmp.Value,
        OpCodes.Initblk.Value,
        OpCodes.Calli.Value,
        OpCodes.Ckfinite.Value,
        OpCodes.Localloc.Value,
        OpCodes.Mkrefany.Value,
        OpCodes.Refanytype.Value,
        OpCodes.Refanyval.Value,
        OpCodes.Readonly.Value,
    ];

    public string Name => "unsupported-opcode";

    public IEnumerable<Finding> Check(LintContext context) =>
        from method in context.Methods
        from instruction in method.Instructions
        where s_unsupportedOpCodes.Contains(instruction.OpCode.Value)
        select context.Report(method.Name, this, $"IL instruction {instruction.OpCode.Name} is not implemented by the nanoCLR interpreter");
}
