using Mamori.Cli;

return await MamoriCli.RunAsync(args, CliConsole.System, TimeProvider.System);
