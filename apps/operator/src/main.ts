import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Controller, Get, Module, Injectable } from '@nestjs/common';
import { NotFoundError } from '@app/api-machinery';

@Injectable()
class S { hi() { return new NotFoundError({ group: 'g', resource: 'r' }, 'x').toStatus(); } }
@Controller()
class C { constructor(private readonly s: S) {} @Get() get() { return this.s.hi(); } }
@Module({ controllers: [C], providers: [S] })
class M {}
const app = await NestFactory.create(M, { logger: false });
await app.listen(3999);
const r = await fetch('http://127.0.0.1:3999/');
console.log(await r.text());
await app.close();
