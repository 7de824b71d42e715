#!/usr/bin/env -S npx tsx
// The CDK app (cdk.json runs it). Everything it builds lives in lib/.
import { createAccountHealthApp } from '../lib/app.ts';

createAccountHealthApp();
