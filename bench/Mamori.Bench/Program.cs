using Mamori.Bench;

// run [--quick] [--out FILE]   the whole suite (what ./bench/run calls)
// serve ARGS…                  the web application with one extra constant endpoint (the HTTP ceiling)
// import-child FILE            one import in a fresh process, to read its peak memory
return args.FirstOrDefault() switch
{
    "serve" => await BenchServer.RunAsync(args[1..]),
    "import-child" => await ImportChild.RunAsync(args[1]),
    "run" => await BenchRunner.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Mamori.Bench run [--quick] [--out FILE] | serve ARGS | import-child FILE");
    return 2;
}
