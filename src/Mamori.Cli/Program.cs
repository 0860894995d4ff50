using Mamori.Cli;

// A command lives for about a second: compiling the service container's resolvers to IL (EF builds a
// container in every process) costs it more CPU than they save. The server resolves services on every
// request and keeps them.
if (!args.Any(a => a is "serve" or "demo"))
{
    AppContext.SetSwitch("Microsoft.Extensions.DependencyInjection.DisableDynamicEngine", true);
}

return await MamoriCli.RunAsync(args, CliConsole.System, TimeProvider.System);
