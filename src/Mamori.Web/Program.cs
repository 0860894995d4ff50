var app = Mamori.Web.WebApp.Build(args);
await app.RunAsync();
