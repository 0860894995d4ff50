using Mamori.Bench;

// run [--quick] [--out FILE]   the whole suite (what ./bench/run calls)
// serve ARGS…                  the web application with one extra constant endpoint (the HTTP ceiling)
// import-child FILE            one import in a fresh process, to read its peak memory
// register ROWS FILE           writes the generated register (to reproduce a measure by hand)
return args.FirstOrDefault() switch
{
    "serve" => await BenchServer.RunAsync(args[1..]),
    "import-child" => await ImportChild.RunAsync(args[1]),
    "run" => await BenchRunner.RunAsync(args[1..]),
    "register" when args.Length == 3 => await WriteRegisterAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]),
    _ => Usage(),
};

static async Task<int> WriteRegisterAsync(int rows, string path)
{
    await BenchData.WriteRegisterAsync(path, rows);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Mamori.Bench run [--quick] [--out FILE] | serve ARGS | import-child FILE | register ROWS FILE");
    return 2;
}
