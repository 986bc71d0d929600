import { closeDb, db } from "../client.server";
import { seedDemoData } from "./demo";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set. `npm start` seeds the embedded database by itself.");
  process.exit(1);
}
const { logins } = await seedDemoData(db(), { history: true });
for (const login of logins) console.log(`${login.role.padEnd(7)} ${login.email}  password: ${login.password}`);
await closeDb();
