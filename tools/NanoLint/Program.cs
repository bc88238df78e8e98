using NanoLint.Linting;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: NanoLint <folder of *.manifest files, e.g. artifacts/nano>");
    return 2;
}

return LintCommand.Run(args[0], Console.Out);
