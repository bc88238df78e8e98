using ThaliNano.Cli;

return ThalinanoCli.Run(args, Console.Out, Console.Error);
