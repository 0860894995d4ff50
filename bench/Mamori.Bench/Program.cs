using Mamori.Bench;

// run [--quick] [--out FILE]   the whole suite (what ./bench/run calls)
// serve ARGS…                  the web application with one extra constant endpoint (the HTTP ceiling)
// import-child FILE            one import in a fresh process, to read its peak memory
// import-repeat FILE N [PGCONN] N imports in one warm process, each into a fresh database (SQLite, or PostgreSQL if given)
// register ROWS FILE           writes the generated register (to reproduce a measure by hand)
// fill ASSETS DBFILE           the HTTP measures' SQLite database (serve it with: serve --db DBFILE)
// book DBFILE                  the policy book's SQLite database (export it with: mamori export policy --org book --drafts --db DBFILE)
return args.FirstOrDefault() switch
{
    "serve" => await BenchServer.RunAsync(args[1..]),
    "import-child" => await ImportChild.RunAsync(args[1]),
    "import-repeat" when args.Length is 3 or 4 => await ImportChild.RepeatAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args.ElementAtOrDefault(3)),
    "run" => await BenchRunner.RunAsync(args[1..]),
    "fill" when args.Length == 3 => await FillAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]),
    "book" when args.Length == 2 => await PrepareBookAsync(args[1]),
    "register" when args.Length == 3 => await WriteRegisterAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]),
    _ => Usage(),
};

static async Task<int> WriteRegisterAsync(int rows, string path)
{
    await BenchData.WriteRegisterAsync(path, rows);
    return 0;
}

static async Task<int> PrepareBookAsync(string path)
{
    Console.WriteLine($"{await BookMeasures.PrepareAsync(path)} documents");
    return 0;
}

static async Task<int> FillAsync(int assets, string path)
{
    var database = new Mamori.Data.MamoriDatabase(Mamori.Data.DatabaseOptions.Resolve(path, null, _ => null));
    await BenchData.FillAsync(database, Path.ChangeExtension(path, ".xlsx"), assets, TimeProvider.System);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Mamori.Bench run [--quick] [--out FILE] | serve ARGS | import-child FILE | import-repeat FILE N [PGCONN] | register ROWS FILE | fill ASSETS DBFILE | book DBFILE");
    return 2;
}
