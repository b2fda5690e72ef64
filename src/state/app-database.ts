import { TutorDatabase } from '../storage/database';

/** The database every store uses; tests of storage modules open their own. */
export const database = new TutorDatabase();
