using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace NanoLint.Metadata;

/// <summary>One IL instruction; <see cref="Token"/> is set for metadata-token operands only.</summary>
public readonly record struct ILInstruction(int Offset, OpCode OpCode, EntityHandle Token);
